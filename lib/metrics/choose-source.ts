import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";

const HOUR_MS = 3_600_000;
// Up to a day of raw samples (5,760 at 15 s) reads in a few ms; beyond that the 5-minute
// rollups are read instead (a 30-day range is 8,640 buckets rather than 172,800 samples).
export const RAW_RANGE_LIMIT_MS = 24 * HOUR_MS;

export type MetricSource = "raw" | "rollup";

/** The one rule every range read follows: raw samples for short, retained ranges; rollups otherwise. */
export function chooseSource(options: { from: Date; to: Date; now: Date }): MetricSource {
  const rawHorizon = options.now.getTime() - DEFAULT_RAW_RETENTION_DAYS * 24 * HOUR_MS;
  const span = options.to.getTime() - options.from.getTime();
  return span <= RAW_RANGE_LIMIT_MS && options.from.getTime() >= rawHorizon ? "raw" : "rollup";
}
