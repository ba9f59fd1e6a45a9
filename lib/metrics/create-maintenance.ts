import "server-only";
import { applyRetention } from "@/lib/metrics/apply-retention";
import { ensurePartitions } from "@/lib/metrics/ensure-partitions";
import { refreshRollups, ROLLUP_REDO_WINDOW_MS } from "@/lib/metrics/refresh-rollups";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";

const MINUTE = 60_000;

/**
 * Storage upkeep on a schedule: rollups of the recent buckets every minute (re-done for the
 * last 15 minutes so late samples are counted), partitions two days ahead and retention hourly.
 */
export function createMaintenance(options: { rawDays?: number; rollupDays?: number; log?: (line: string) => void }) {
  let lastRollup = 0;
  let lastHourly = 0;
  return {
    async tick(now: Date): Promise<void> {
      const t = now.getTime();
      if (t - lastRollup >= MINUTE) {
        const previous = lastRollup;
        lastRollup = t;
        await retryOnOutage(() => refreshRollups({ from: new Date(t - ROLLUP_REDO_WINDOW_MS), to: now }), () => (lastRollup = previous));
      }
      if (t - lastHourly >= 60 * MINUTE) {
        const previous = lastHourly;
        lastHourly = t;
        await retryOnOutage(async () => {
          await ensurePartitions({ db, from: now, to: new Date(t + 2 * 24 * 60 * MINUTE) });
          const { droppedPartitions } = await applyRetention({ now, rawDays: options.rawDays, rollupDays: options.rollupDays });
          if (droppedPartitions.length) options.log?.(`retention dropped ${droppedPartitions.join(", ")}`);
        }, () => (lastHourly = previous));
      }
    },
  };
}

/**
 * A job the database was not there for runs again at the next tick (so the loop learns when it
 * is back); a job that failed for another reason waits for its next turn as before.
 */
async function retryOnOutage(job: () => Promise<unknown>, undo: () => void): Promise<void> {
  try {
    await job();
  } catch (error) {
    if (isDatabaseUnavailable(error)) undo();
    throw error;
  }
}
