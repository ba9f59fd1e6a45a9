import type { ActionResult } from "@/lib/actions/action-result";
import type { ConnectionReport } from "@/lib/targets/test-target-connection";
import { ActionMessage } from "@/app/(console)/_components/action-message";

/** What "Test connection" found: the memory figure, its value and limit, the endpoints, what the page will offer. */
export function ConnectionReportView({ result }: { result: ActionResult<{ report: ConnectionReport }> | null }) {
  if (!result) return null;
  if (!result.ok || !result.report) return <ActionMessage result={result} />;
  const { report } = result;
  return (
    <div role="status" data-testid="connection-report" className={`space-y-2 rounded-md border p-3 text-sm ${report.ok ? "border-ok/50 bg-ok/10" : "border-crit/50 bg-crit/10"}`}>
      <p className={`font-semibold ${report.ok ? "text-ok" : "text-crit"}`}>{report.ok ? "✓ " : "✕ "}{report.headline}</p>
      {report.figures.length > 0 && <ul className="list-disc pl-5">{report.figures.map((f) => <li key={f}>{f}</li>)}</ul>}
      {report.endpoints.length > 0 && (
        <ul className="space-y-0.5">
          {report.endpoints.map((e) => (
            <li key={e.name} className={e.ok ? "" : "text-muted"}>{e.ok ? "✓" : "✕"} {e.name}{e.ok ? "" : `: ${e.detail}`}</li>
          ))}
        </ul>
      )}
      {report.capabilities.length > 0 && <ul className="list-disc pl-5 text-muted">{report.capabilities.map((c) => <li key={c}>{c}</li>)}</ul>}
    </div>
  );
}
