import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/auth/permissions";
import { auditFilterQuery, parseAuditFilter, type AuditFilter } from "@/lib/audit/audit-filter";
import { AppError } from "@/lib/errors";
import { auditEventTypes, auditOutcomes } from "@/lib/audit/audit-event";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { checkAuditAnchor, type AuditAnchorStatus } from "@/lib/audit/check-audit-anchor";
import { verifyAuditChainIncrementally } from "@/lib/audit/verify-audit-chain-incrementally";
import { actionCatalogue } from "@/lib/remediation/action-catalogue";
import { listTargets } from "@/lib/targets/list-targets";
import { EmptyState } from "@/app/_components/empty-state";
import { AuditTable } from "@/app/(console)/audit/_components/audit-table";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const PAGE = 200;
const field = "mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1";

export default async function AuditPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!hasPermission(user.role, "read:audit")) {
    return (
      <section>
        <h1 className="mb-4 text-2xl font-semibold">Audit</h1>
        <EmptyState title="Leads only" body={`The audit trail is readable by leads and admins; you are signed in as ${user.role}.`} />
      </section>
    );
  }
  let filter: AuditFilter;
  try {
    filter = parseAuditFilter(await searchParams);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    return (
      <section>
        <h1 className="mb-4 text-2xl font-semibold">Audit</h1>
        <EmptyState title="Bad filter" body={`${error.message}. Nothing was searched.`} />
        <p className="mt-3 text-sm"><Link href="/audit" className="text-accent underline">Clear the filter</Link></p>
      </section>
    );
  }
  const [chain, anchor, page, targets] = await Promise.all([verifyAuditChainIncrementally(), checkAuditAnchor(), listAuditEvents({ filter, limit: PAGE }), listTargets()]);
  const query = auditFilterQuery(filter);
  const asInput = (date: Date | undefined) => (date ? date.toISOString().slice(0, 16) : "");
  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading" className="mb-3 text-2xl font-semibold">Audit</h1>
      {chain.ok ? (
        <p role="status" data-testid="audit-chain" data-ok="true" className="mb-4 rounded-md border border-ok/50 bg-ok/10 px-3 py-2 text-ok">
          ✓ Chain intact: {chain.checked.toLocaleString("en")} entries verified{chain.headHash ? `; head #${chain.headId} ${chain.headHash.slice(0, 16)}…` : ""}
        </p>
      ) : (
        <p role="status" data-testid="audit-chain" data-ok="false" className="mb-4 rounded-md border border-crit bg-crit/15 px-3 py-2 font-semibold text-crit">
          ✕ Chain broken at entry #{chain.firstBad.id} ({chain.firstBad.at}): {chain.firstBad.reason}. {chain.checked.toLocaleString("en")} entries before it verify.
        </p>
      )}
      <p data-testid="audit-full-check" className="-mt-2 mb-2 text-sm text-muted">
        {chain.fullVerifiedAt
          ? `New entries are verified on every load; every entry was last re-verified from the first at ${chain.fullVerifiedAt.slice(0, 19).replace("T", " ")} UTC (the worker repeats it on a schedule; npm run audit:verify does it now).`
          : "Every entry is re-verified on a schedule by the worker, and by npm run audit:verify."}
      </p>
      <AnchorStatus status={anchor} />
      <form method="get" className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-edge bg-panel p-3 text-sm md:grid-cols-4 lg:grid-cols-8" aria-label="Filter the audit trail">
        <label className="col-span-2">Actor (email contains)<input name="actor" defaultValue={filter.actor ?? ""} className={field} /></label>
        <label>Target<select name="target" defaultValue={filter.target ?? ""} className={field}><option value="">any</option>{targets.map((t) => <option key={t.slug} value={t.slug}>{t.slug}</option>)}</select></label>
        <label>Action<select name="action" defaultValue={filter.action ?? ""} className={field}><option value="">any</option>{actionCatalogue.map((a) => <option key={a.id} value={a.id}>{a.id}</option>)}</select></label>
        <label>Event<select name="type" defaultValue={filter.type ?? ""} className={field}><option value="">any</option>{auditEventTypes.map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
        <label>Outcome<select name="outcome" defaultValue={filter.outcome ?? ""} className={field}><option value="">any</option>{auditOutcomes.map((o) => <option key={o} value={o}>{o}</option>)}</select></label>
        <label>From (UTC)<input type="datetime-local" name="from" defaultValue={asInput(filter.from)} className={field} /></label>
        <label>To (UTC)<input type="datetime-local" name="to" defaultValue={asInput(filter.to)} className={field} /></label>
        <div className="col-span-2 flex flex-wrap items-end gap-2 md:col-span-4 lg:col-span-8">
          <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-semibold text-surface">Filter</button>
          <Link href="/audit" className="rounded-md border border-edge px-3 py-1.5">Clear</Link>
          <span className="ml-auto text-muted">Export the filtered rows:</span>
          <a href={`/api/audit/export?${auditFilterQuery(filter, { format: "csv" })}`} className="rounded-md border border-edge px-3 py-1.5 text-accent" data-testid="export-csv">CSV</a>
          <a href={`/api/audit/export?${auditFilterQuery(filter, { format: "json" })}`} className="rounded-md border border-edge px-3 py-1.5 text-accent" data-testid="export-json">JSON</a>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title="No matching entries" body="Sign-ins, remediation requests, approvals and their outcomes are recorded here." />
      ) : (
        <AuditTable rows={page.rows} />
      )}
      {page.nextBefore && (
        <p className="mt-3 text-sm">
          <Link href={`/audit?${query}${query ? "&" : ""}before=${page.nextBefore}`} className="text-accent underline">Older entries →</Link>
        </p>
      )}
    </section>
  );
}

/** The chain against its copy outside the database: only that shows rows cut off the end. */
function AnchorStatus({ status }: { status: AuditAnchorStatus }) {
  if (status.kind === "broken") {
    return (
      <p role="status" data-testid="audit-anchor" data-ok="false" className="-mt-2 mb-4 rounded-md border border-crit bg-crit/15 px-3 py-2 font-semibold text-crit">
        ✕ The chain does not match its anchor ({status.file}): {status.reason}.
      </p>
    );
  }
  const text =
    status.kind === "ok"
      ? `✓ Matches its anchor outside the database: head #${status.anchor.headId} as of ${status.anchor.anchoredAt.slice(0, 19).replace("T", " ")} UTC.`
      : status.kind === "none_yet"
        ? "Not anchored yet: the worker writes the chain's head outside the database every minute."
        : "Not anchored: set HEADROOM_AUDIT_ANCHOR_FILE so that rows cut off the end are detected.";
  return (
    <p role="status" data-testid="audit-anchor" data-ok={status.kind === "ok" ? "true" : "unknown"} className={`-mt-2 mb-4 text-sm ${status.kind === "ok" ? "text-ok" : "text-muted"}`}>
      {text}
    </p>
  );
}
