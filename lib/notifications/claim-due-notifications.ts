import "server-only";
import { db } from "@/lib/db";

export type ClaimedNotification = {
  id: bigint;
  targetId: number;
  incidentId: number | null;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  channelId: number | null;
  /** The channel's URL now (an admin may have fixed it since); null when the channel was removed. */
  url: string | null;
  /** The channel's name now, for the timeline; null when the channel was removed. */
  channelName: string | null;
};

/**
 * Claims due deliveries for `leaseMs` (a worker that dies mid-delivery leaves them to be
 * retried when the lease runs out). Only the oldest pending notification of each target on each
 * channel is due, so a receiver never hears "resolved" before the "firing" that is still being
 * retried, and a broken channel holds back only its own queue.
 */
export async function claimDueNotifications(options: { now: Date; workerId: string; leaseMs: number; limit: number }): Promise<ClaimedNotification[]> {
  const { now, workerId, leaseMs, limit } = options;
  if (limit <= 0) return [];
  return db.$queryRaw<ClaimedNotification[]>`
    UPDATE notifications n
    SET next_attempt_at = ${new Date(now.getTime() + leaseMs)}::timestamptz, claimed_by = ${workerId}
    WHERE n.id IN (
      SELECT q.id FROM notifications q
      WHERE q.status = 'pending' AND q.next_attempt_at <= ${now}::timestamptz
        AND NOT EXISTS (
          SELECT 1 FROM notifications o
          WHERE o.target_id = q.target_id AND o.channel_id IS NOT DISTINCT FROM q.channel_id AND o.status = 'pending' AND o.id < q.id)
      ORDER BY q.next_attempt_at, q.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING n.id, n.target_id AS "targetId", n.incident_id AS "incidentId", n.kind, n.payload, n.attempts,
      n.max_attempts AS "maxAttempts", n.channel_id AS "channelId",
      (SELECT c.url FROM notification_channels c WHERE c.id = n.channel_id) AS url,
      (SELECT c.name FROM notification_channels c WHERE c.id = n.channel_id) AS "channelName"`;
}
