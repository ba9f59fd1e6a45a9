import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";

const HOUR_MS = 3_600_000;
// Up to a day of raw samples (5,760 at 15 s) reads in a few ms; beyond that the 5-minute
// rollups are read instead (a 30-day range is 8,640 buckets rather than 172,800 samples).
export const RAW_RANGE_LIMIT_MS = 24 * HOUR_MS;
/** A chart whose points are at least this far apart reads minute maxima rather than raw samples. */
export const MINUTE_ROLLUP_MIN_STEP_MS = 60_000;

export type MetricSource = "raw" | "rollup";
/** What a chart read used: `rollup_1m` is the minute maxima of total memory (chooseChartSource). */
export type ChartSource = MetricSource | "rollup_1m";

/** The one rule every range read follows: raw samples for short, retained ranges; rollups otherwise. */
export function chooseSource(options: { from: Date; to: Date; now: Date }): MetricSource {
  const rawHorizon = options.now.getTime() - DEFAULT_RAW_RETENTION_DAYS * 24 * HOUR_MS;
  const span = options.to.getTime() - options.from.getTime();
  return span <= RAW_RANGE_LIMIT_MS && options.from.getTime() >= rawHorizon ? "raw" : "rollup";
}

/**
 * The same rule for a chart of total memory, which has one more source: where raw samples would
 * be read but the chart's points are a minute or more apart (a 24-hour chart at 600 points is
 * one point per 144 s), the minute maxima carry everything the chart can show, peaks included,
 * in a quarter of the rows. Other series have no minute maxima.
 */
export function chooseChartSource(options: { from: Date; to: Date; now: Date; maxPoints: number; totalMemory: boolean }): ChartSource {
  const source = chooseSource(options);
  const step = (options.to.getTime() - options.from.getTime()) / Math.max(1, options.maxPoints);
  return source === "raw" && options.totalMemory && step >= MINUTE_ROLLUP_MIN_STEP_MS ? "rollup_1m" : source;
}
