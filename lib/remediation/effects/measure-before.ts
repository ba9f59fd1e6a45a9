import "server-only";
import type { Db } from "@/lib/db";
import { estimateGrowthMbPer5m } from "@/lib/forecast/estimate-theil-sen-slope";
import { readRawSeries } from "@/lib/metrics/read-raw-series";

const MINUTE = 60_000;
/** A sample older than this is not "just before". */
export const BEFORE_MAX_AGE_MS = 5 * MINUTE;
/** Growth before an action is measured over this window. */
export const GROWTH_WINDOW_MS = 15 * MINUTE;

/** Memory just before an action starts, and how fast it was growing, from collected metrics. */
export async function measureBefore(options: { targetId: number; limitMb: number; at: Date; db?: Db }) {
  const samples = await readRawSeries({
    targetId: options.targetId,
    from: new Date(options.at.getTime() - GROWTH_WINDOW_MS),
    to: options.at,
    db: options.db,
  });
  const last = samples.at(-1);
  const fresh = last && options.at.getTime() - last.t <= BEFORE_MAX_AGE_MS ? last : null;
  const growth = estimateGrowthMbPer5m({ samples });
  return {
    memoryBeforeMb: fresh?.valueMb ?? null,
    memoryBeforeAt: fresh ? new Date(fresh.t) : null,
    growthBeforeMbPer5m: samples.length >= 3 ? growth : null,
  };
}
