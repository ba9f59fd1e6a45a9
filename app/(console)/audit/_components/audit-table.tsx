import Link from "next/link";
import type { AuditRow } from "@/lib/audit/list-audit-events";
import { TableHead } from "@/app/_components/table-head";

const OUTCOME_TONE: Record<string, string> = {
  denied: "text-crit", invalid: "text-crit", failed: "text-crit", timed_out: "text-crit", error: "text-crit", unauthenticated: "text-crit",
  conflict: "text-warn", expired: "text-warn", awaiting_approval: "text-warn", rejected: "text-warn", withdrawn: "text-warn",
  succeeded: "text-ok", ok: "text-ok", approved: "text-ok",
};

const short = (value: unknown) => {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text === "{}" ? "" : text;
};

/** Audit entries, newest first, each with everything recorded and a link to its incident. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-edge">
      <table className="w-full text-left text-xs" data-testid="audit-table">
        <TableHead className="bg-panel text-muted" cellClassName="px-2 py-2 font-medium" columns={["#", "Time (UTC)", "Actor", "Event", "Outcome", "Target / action", "Parameters", "Error", "Incident", "From"]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row" data-type={row.type} data-outcome={row.outcome} className={`border-t border-edge align-top ${row.breakGlass ? "bg-crit/10" : ""}`}>
              <td className="px-2 py-1.5 text-muted" title={`hash ${row.hash}`}>{row.id}</td>
              <td className="whitespace-nowrap px-2 py-1.5">{row.at.replace("T", " ").slice(0, 19)}</td>
              <td className="px-2 py-1.5">{row.actor.label ?? row.actor.kind}{row.actor.role ? <span className="text-muted"> ({row.actor.role})</span> : null}</td>
              <td className="px-2 py-1.5">
                {row.type}
                {row.breakGlass && <span className="ml-1 rounded border border-crit px-1 font-bold text-crit">⚠ BREAK-GLASS</span>}
              </td>
              <td className={`px-2 py-1.5 font-semibold ${OUTCOME_TONE[row.outcome] ?? ""}`}>{row.outcome}</td>
              <td className="px-2 py-1.5">
                {row.target ? <Link href={`/targets/${row.target}`} className="text-accent underline">{row.target}</Link> : null}
                {row.actionId ? <div>{row.actionId}{row.remediationId ? ` #${row.remediationId}` : ""}</div> : null}
              </td>
              <td className="max-w-xs wrap-anywhere px-2 py-1.5 font-mono">{short(row.parameters)}{short(row.data) ? <div className="text-muted">{short(row.data)}</div> : null}</td>
              <td className="max-w-xs px-2 py-1.5 text-crit">{row.error}</td>
              <td className="px-2 py-1.5">{row.incidentId ? <Link href={`/incidents/${row.incidentId}`} className="text-accent underline">#{row.incidentId}</Link> : null}</td>
              <td className="px-2 py-1.5 text-muted" title={row.userAgent ?? ""}>{row.ip ?? ""}{row.requestId ? <div>{row.requestId.slice(0, 12)}</div> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
