import "server-only";
import { applyRetention } from "@/lib/metrics/apply-retention";
import { ensurePartitions } from "@/lib/metrics/ensure-partitions";
import { refreshRollups } from "@/lib/metrics/refresh-rollups";
import { db } from "@/lib/db";

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
        lastRollup = t;
        await refreshRollups({ from: new Date(t - 15 * MINUTE), to: now });
      }
      if (t - lastHourly >= 60 * MINUTE) {
        lastHourly = t;
        await ensurePartitions({ db, from: now, to: new Date(t + 2 * 24 * 60 * MINUTE) });
        const { droppedPartitions } = await applyRetention({ now, rawDays: options.rawDays, rollupDays: options.rollupDays });
        if (droppedPartitions.length) options.log?.(`retention dropped ${droppedPartitions.join(", ")}`);
      }
    },
  };
}
