import "server-only";
import { db } from "@/lib/db";

/**
 * Claims the enabled targets whose evaluation is due at `now` and moves their next evaluation
 * one interval on, in one statement (as the collector claims scrapes). Rows another replica
 * is claiming are skipped, so each target is evaluated by one worker per interval, and a dead
 * worker's targets are simply claimed by another at their next due time.
 */
export async function claimDueEvaluations(options: { now: Date; intervalSeconds: number; limit: number }): Promise<number[]> {
  const { now, intervalSeconds, limit } = options;
  // New targets get a schedule row; concurrent inserts of the same row are no-ops.
  await db.$executeRaw`
    INSERT INTO alert_target_status (target_id, next_evaluation_at)
    SELECT t.id, ${now}::timestamptz FROM targets t
    WHERE t.enabled AND NOT EXISTS (SELECT 1 FROM alert_target_status s WHERE s.target_id = t.id)
    ON CONFLICT (target_id) DO NOTHING`;
  const rows = await db.$queryRaw<{ targetId: number }[]>`
    UPDATE alert_target_status s
    SET next_evaluation_at = CASE
      WHEN s.next_evaluation_at + make_interval(secs => ${intervalSeconds}) > ${now}::timestamptz
        THEN s.next_evaluation_at + make_interval(secs => ${intervalSeconds})
      ELSE ${now}::timestamptz + make_interval(secs => ${intervalSeconds})
    END
    WHERE s.target_id IN (
      SELECT st.target_id FROM alert_target_status st JOIN targets t ON t.id = st.target_id
      WHERE t.enabled AND st.next_evaluation_at <= ${now}::timestamptz
      ORDER BY st.next_evaluation_at
      LIMIT ${limit}
      FOR UPDATE OF st SKIP LOCKED)
    RETURNING s.target_id AS "targetId"`;
  return rows.map((r) => r.targetId);
}
