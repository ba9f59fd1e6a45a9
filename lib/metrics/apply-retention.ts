import "server-only";
import { db } from "@/lib/db";
import { forgetKnownPartitions } from "@/lib/metrics/ensure-partitions";

const DAY_MS = 86_400_000;
export const DEFAULT_RAW_RETENTION_DAYS = 14;
export const DEFAULT_ROLLUP_RETENTION_DAYS = 400;

/**
 * Drops whole daily partitions of raw samples older than the raw retention (cheap: no row
 * deletes, no bloat), deletes rollups older than theirs (the minute maxima with the raw
 * samples), and trims the histories that grow with them: scrapes, alert transitions, delivered
 * notifications. Incidents and the audit trail are kept.
 */
export async function applyRetention(options: {
  now: Date;
  rawDays?: number;
  rollupDays?: number;
}): Promise<{ droppedPartitions: string[]; deletedRollups: number }> {
  const rawCutoff = new Date(options.now.getTime() - (options.rawDays ?? DEFAULT_RAW_RETENTION_DAYS) * DAY_MS);
  const rollupCutoff = new Date(options.now.getTime() - (options.rollupDays ?? DEFAULT_ROLLUP_RETENTION_DAYS) * DAY_MS);
  const cutoffName = `metrics_p${rawCutoff.toISOString().slice(0, 10).replace(/-/g, "")}`;
  const partitions = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'metrics'::regclass AND c.relname ~ '^metrics_p[0-9]{8}$'`;
  // A partition named for day D holds [D, D+1): it is wholly expired when D+1 <= cutoff, i.e. D < cutoff's day.
  const expired = partitions.map((p) => p.name).filter((name) => name < cutoffName).sort();
  for (const name of expired) {
    // Through the owner's function: the console's own role owns no table and cannot drop one.
    await db.$queryRaw`SELECT headroom_drop_metric_partition(${name})`;
  }
  if (expired.length > 0) forgetKnownPartitions();
  const deletedRollups = await db.metricRollup5m.deleteMany({ where: { bucket: { lt: rollupCutoff } } });
  // Minute maxima stand in for raw samples only, so they go with them.
  await db.memoryRollup1m.deleteMany({ where: { bucket: { lt: rawCutoff } } });
  await db.targetScrape.deleteMany({ where: { startedAt: { lt: rawCutoff } } });
  // Alert history lives as long as the rollups it explains; finished webhook deliveries as long
  // as raw data (pending ones are never dropped: they are still owed).
  await db.alertTransitionRecord.deleteMany({ where: { at: { lt: rollupCutoff } } });
  await db.notificationDelivery.deleteMany({ where: { createdAt: { lt: rawCutoff }, status: { not: "pending" } } });
  return { droppedPartitions: expired, deletedRollups: deletedRollups.count };
}
