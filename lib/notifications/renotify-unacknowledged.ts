import "server-only";
import { db } from "@/lib/db";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { notifyOnCallEvent } from "./notify-on-call-event";

type Due = { incident_id: number; target_id: number; opened_at: Date; channel_ids: number[] };

/**
 * Alertmanager's repeat_interval for the on-call loop: an open incident nobody acknowledged is
 * announced again on each channel that subscribes to `renotify`, once its repeat interval has
 * passed since that channel last heard about the incident (or since it opened). Silenced targets
 * are left alone. Each due incident is locked with SKIP LOCKED, so replicas repeat it once.
 */
export async function renotifyUnacknowledged(options: { now: Date; limit?: number }): Promise<number> {
  const { now } = options;
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Due[]>`
      SELECT i.id AS incident_id, i.target_id, i.opened_at, array_agg(c.id ORDER BY c.id) AS channel_ids
      FROM incidents i
      JOIN notification_channels c ON (c.target_id = i.target_id OR c.target_id IS NULL) AND 'renotify' = ANY(c.events)
      WHERE i.status = 'open' AND i.acknowledged_at IS NULL
        AND i.id IN (SELECT id FROM incidents WHERE status = 'open' AND acknowledged_at IS NULL FOR UPDATE SKIP LOCKED)
        AND NOT EXISTS (SELECT 1 FROM silences s WHERE s.target_id = i.target_id AND s.ended_at IS NULL
          AND s.starts_at <= ${now}::timestamptz AND s.ends_at > ${now}::timestamptz)
        AND COALESCE((SELECT max(n.created_at) FROM notifications n WHERE n.channel_id = c.id AND n.incident_id = i.id), i.opened_at)
          <= ${now}::timestamptz - make_interval(secs => c.repeat_interval_seconds)
      GROUP BY i.id, i.target_id, i.opened_at
      ORDER BY i.id
      LIMIT ${options.limit ?? 50}`;
    for (const row of due) {
      const openFor = formatSeconds(Math.round((now.getTime() - row.opened_at.getTime()) / 1000));
      await notifyOnCallEvent({ tx, targetId: row.target_id, incidentId: row.incident_id, event: { kind: "renotify", openFor }, now, channelIds: row.channel_ids });
      await tx.incidentEvent.create({
        data: {
          incidentId: row.incident_id,
          at: now,
          kind: "notification",
          summary: `Still unacknowledged after ${openFor}: announced again on ${row.channel_ids.length} channel${row.channel_ids.length === 1 ? "" : "s"}`,
          data: { renotify: true, channelIds: row.channel_ids, by: null },
        },
      });
    }
    return due.length;
  });
}
