import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";
import { defaultConfidence, fitTrend } from "./fit-trend";
import { measureDiffMean, resampleAtSteps } from "./resample-at-steps";

export type ForecastMemoryOptions = {
  samples: readonly MemoryPoint[];
  limitMb: number;
  /** When the forecast is made (default: the newest sample). The fit ends at the 5-minute boundary before it. */
  now?: number;
  /** How far back the fit reaches (default FORECAST_WINDOW_MS). */
  windowMs?: number;
  /** Fit only after this moment: memory was brought down then (a mitigation), the line before it no longer applies. */
  sinceT?: number | null;
  /**
   * Growth below this is "negligible": not projected. Default: 0.01 % of the limit
   * per 5 minutes, i.e. it would take about 35 days to grow by the whole limit.
   */
  minGrowthMbPer5m?: number;
  confidence?: number;
};

export type NotProjectedReason = "insufficient_data" | "not_growing" | "negligible_growth";

export type ForecastWindow = {
  fromT: number;
  toT: number;
  bucketMinutes: number;
  /** Non-empty 5-minute buckets in the window; at least 3 are needed for a fit. */
  bucketCount: number;
  confidence: number;
  /** Set when the window was cut to start after a mitigation. */
  sinceT: number | null;
};

export type MemoryForecast = {
  limitMb: number;
  currentMb: number | null;
  currentAt: number | null;
  /**
   * MB per 5 minutes: the runbook's `df['value'].diff().mean()`, and the Theil–Sen slope of the
   * window's 5-minute medians with its confidence interval [low, high].
   */
  growthMbPer5m: { diffMean: number | null; theilSen: number | null; low: number | null; high: number | null };
  /** From the fitted line; 0 when already at the limit; null when not projected. */
  timeToLimitMinutes: number | null;
  /** The same from the interval's bounds: soonest at the high slope, latest at the low one. */
  timeToLimitRange: { soonestMinutes: number; latestMinutes: number } | null;
  /** The runbook script's own answer from the diff-mean rate, for comparison. */
  runbookTimeToLimitMinutes: number | null;
  notProjected: NotProjectedReason | null;
  /** The runbook's warning: the limit is fewer than 12 five-minute intervals away. */
  limitWithinHour: boolean;
  /** What the line was fitted on. */
  window: ForecastWindow;
  /** The fitted line's level at `currentAt`, where the projection starts. */
  projectedFromMb: number | null;
};

/**
 * Three hours of 5-minute medians: on the simulator's leak one hour left the interval too wide
 * to exclude zero in 25 of 40 windows (docs/decisions/0013-forecast-interval.md).
 */
export const FORECAST_WINDOW_MS = 3 * 3_600_000;

/** The fit window for a forecast made at `now`: whole 5-minute buckets, so it moves in 5-minute steps. */
export function forecastWindowAt({ now, windowMs = FORECAST_WINDOW_MS }: { now: number; windowMs?: number }): { fromT: number; toT: number } {
  const toT = Math.floor(now / fiveMinutesMs) * fiveMinutesMs;
  return { fromT: toT - windowMs, toT };
}

/**
 * The runbook's memory trend analysis, made steady and honest about its uncertainty: a robust
 * line through the last three hours' whole 5-minute medians, a time to limit with the range its slope's
 * confidence interval allows, and "not projected" when that interval includes no growth.
 * It changes when a 5-minute bucket completes, not with every scrape.
 */
export function forecastMemory(options: ForecastMemoryOptions): MemoryForecast {
  const { limitMb } = options;
  if (!(limitMb > 0)) throw new RangeError("limitMb must be above 0");
  const sorted = [...options.samples].sort((a, b) => a.t - b.t);
  const current = sorted.at(-1) ?? null;
  const confidence = options.confidence ?? defaultConfidence;
  const bounds = forecastWindowAt({ now: options.now ?? current?.t ?? 0, windowMs: options.windowMs });
  const sinceT = options.sinceT ?? null;
  const fromT = sinceT !== null && sinceT > bounds.fromT ? sinceT : bounds.fromT;
  const fit = current ? fitTrend({ samples: sorted, fromT, toT: bounds.toT, confidence }) : null;
  const per5m = (perMs: number | undefined) => (perMs === undefined ? null : perMs * fiveMinutesMs);
  const diffMean = measureDiffMean({ values: resampleAtSteps({ samples: sorted }) });
  const growth = { diffMean, theilSen: per5m(fit?.slopePerMs), low: per5m(fit?.lowPerMs), high: per5m(fit?.highPerMs) };
  const window: ForecastWindow = {
    fromT: fit?.fromT ?? Math.ceil(fromT / fiveMinutesMs) * fiveMinutesMs,
    toT: bounds.toT,
    bucketMinutes: fiveMinutesMs / 60_000,
    bucketCount: fit?.bucketCount ?? 0,
    confidence,
    sinceT,
  };
  const projectedFromMb = fit && current ? fit.levelAtEndMb + fit.slopePerMs * (current.t - fit.toT) : null;
  const base = {
    limitMb,
    currentMb: current?.valueMb ?? null,
    currentAt: current?.t ?? null,
    growthMbPer5m: growth,
    runbookTimeToLimitMinutes: current && diffMean !== null && diffMean > 0 ? ((limitMb - current.valueMb) / diffMean) * 5 : null,
    window,
    projectedFromMb,
  };
  if (current && current.valueMb >= limitMb) {
    return { ...base, runbookTimeToLimitMinutes: 0, timeToLimitMinutes: 0, timeToLimitRange: { soonestMinutes: 0, latestMinutes: 0 }, notProjected: null, limitWithinHour: true };
  }
  const floor = options.minGrowthMbPer5m ?? limitMb / 10_000;
  const notProjected: NotProjectedReason | null =
    !fit || !current || growth.theilSen === null ? "insufficient_data" : (growth.low ?? 0) <= 0 ? "not_growing" : growth.theilSen < floor ? "negligible_growth" : null;
  if (notProjected !== null || !fit || !current || projectedFromMb === null) {
    return { ...base, timeToLimitMinutes: null, timeToLimitRange: null, notProjected, limitWithinHour: false };
  }
  // From where the line is now, at each slope: the current sample's own noise does not move it.
  const minutesAt = (perMs: number) => Math.max(0, (limitMb - projectedFromMb) / perMs / 60_000);
  const timeToLimitMinutes = minutesAt(fit.slopePerMs);
  return {
    ...base,
    timeToLimitMinutes,
    timeToLimitRange: { soonestMinutes: minutesAt(fit.highPerMs), latestMinutes: minutesAt(fit.lowPerMs) },
    notProjected: null,
    limitWithinHour: timeToLimitMinutes < 60,
  };
}
