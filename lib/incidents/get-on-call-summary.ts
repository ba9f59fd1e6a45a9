import "server-only";
import { db } from "@/lib/db";
import type { Severity } from "@/lib/alerts/default-rules";

export type OnCallSummary = {
  /** Open incidents whose target's alert fires now (an incident waiting out its grace period is not firing). */
  firingIncidents: number;
  worstSeverity: Severity | null;
  /** Destructive requests waiting for a lead, not yet expired. */
  pendingApprovals: number;
};

type Row = { firing: bigint; sev1: bigint; pending: bigint };

/** What the navigation and the tab title carry, in one query; served with the layout and polled. */
export async function getOnCallSummary(options: { now?: Date } = {}): Promise<OnCallSummary> {
  const now = options.now ?? new Date();
  const [row] = await db.$queryRaw<Row[]>`
    SELECT
      (SELECT count(*) FROM incidents i JOIN alert_target_status s ON s.target_id = i.target_id
        WHERE i.status = 'open' AND s.state IN ('SEV-1', 'SEV-2')) AS firing,
      (SELECT count(*) FROM incidents i JOIN alert_target_status s ON s.target_id = i.target_id
        WHERE i.status = 'open' AND s.state = 'SEV-1') AS sev1,
      (SELECT count(*) FROM remediation_actions
        WHERE state = 'awaiting_approval' AND (approval_expires_at IS NULL OR approval_expires_at > ${now}::timestamptz)) AS pending`;
  const firing = Number(row.firing);
  return { firingIncidents: firing, worstSeverity: firing === 0 ? null : Number(row.sev1) > 0 ? "SEV-1" : "SEV-2", pendingApprovals: Number(row.pending) };
}
