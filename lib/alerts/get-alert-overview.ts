import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { TargetAlertState } from "./target-alert-state";

export type TargetAlertSummary = {
  targetId: number;
  slug: string;
  /** The effective alert: SEV-1 supersedes SEV-2; "no_data" when nothing fires and the target has no recent sample. */
  state: TargetAlertState;
  /** When the target entered this state (ISO). */
  since: string | null;
  /** Firing only because the target stopped answering (state is still SEV-2/SEV-1). */
  noData: boolean;
  /** Memory used / limit at the last evaluation. */
  value: number | null;
  evaluatedAt: string;
  /** No evaluation for several intervals: the worker is not running, the state may be old. */
  stale: boolean;
  silencedUntil: string | null;
  silenceComment: string | null;
  openIncidentId: number | null;
};

type Row = {
  target_id: number;
  slug: string;
  state: string;
  state_since: Date | null;
  no_data: boolean;
  value: number | null;
  evaluated_at: Date;
  silenced_until: Date | null;
  silence_comment: string | null;
  open_incident_id: number | null;
};

/**
 * The alert state of every evaluated target (or of `targetIds`), keyed by target id, in one
 * query. Targets never evaluated yet are absent: show what the data says for them.
 */
export async function getAlertOverview(options: { targetIds?: number[]; now?: Date } = {}): Promise<Map<number, TargetAlertSummary>> {
  const now = options.now ?? new Date();
  const ids = options.targetIds ?? null;
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.target_id, t.slug, s.state, s.state_since, s.no_data, s.value, s.evaluated_at,
      si.ends_at AS silenced_until, si.comment AS silence_comment, i.id AS open_incident_id
    FROM alert_target_status s
    JOIN targets t ON t.id = s.target_id
    LEFT JOIN LATERAL (
      SELECT ends_at, comment FROM silences
      WHERE target_id = s.target_id AND ended_at IS NULL AND starts_at <= ${now}::timestamptz AND ends_at > ${now}::timestamptz
      ORDER BY ends_at DESC LIMIT 1) si ON true
    LEFT JOIN incidents i ON i.target_id = s.target_id AND i.status = 'open'
    WHERE s.evaluated_at IS NOT NULL AND (${ids}::int[] IS NULL OR s.target_id = ANY(${ids}::int[]))`;
  const staleMs = Math.max(60_000, 4 * env().ALERT_EVALUATION_INTERVAL_SECONDS * 1000);
  return new Map(
    rows.map((row) => [
      row.target_id,
      {
        targetId: row.target_id,
        slug: row.slug,
        state: row.state as TargetAlertState,
        since: row.state_since?.toISOString() ?? null,
        noData: row.no_data,
        value: row.value,
        evaluatedAt: row.evaluated_at.toISOString(),
        stale: now.getTime() - row.evaluated_at.getTime() > staleMs,
        silencedUntil: row.silenced_until?.toISOString() ?? null,
        silenceComment: row.silence_comment,
        openIncidentId: row.open_incident_id,
      },
    ]),
  );
}
