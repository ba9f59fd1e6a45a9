import { parseDuration } from "@/lib/target-api/duration";
import {
  componentKeys,
  type ComponentKey,
  type HistorySample,
  type MemoryHistory,
  type MemoryTrend,
} from "@/lib/target-api/schemas";
import { bucketAverages, samplesBetween } from "../model/history";
import { limits, MINUTE_MS, SAMPLE_MS } from "../model/profile";
import { computeTrend } from "../model/trend";
import type { ModelState } from "../model/types";
import { HttpError } from "../http/http-error";
import { iso, round1 } from "./format";

const maxPoints = 10_000;
/** Below this rate (about 15 MB an hour) the daily cycle and noise dominate, so the trend is "stable". */
const stableMbPerMin = 0.25;

export function memoryHistory(
  state: ModelState,
  query: { duration: string; interval: string; component?: ComponentKey },
): MemoryHistory {
  const durationMs = parseDuration(query.duration);
  const intervalMs = parseDuration(query.interval);
  if (intervalMs < SAMPLE_MS) throw new HttpError(400, "bad_request", "interval must be at least 15s (the sampling period)");
  if (durationMs / intervalMs > maxPoints) {
    throw new HttpError(400, "bad_request", `duration/interval gives more than ${maxPoints} points; use a longer interval`);
  }
  const buckets = bucketAverages(state.history, {
    fromMs: state.nowMs - durationMs,
    toMs: state.nowMs,
    intervalMs,
    component: query.component,
  });
  return {
    metric: query.component ? `component.${query.component}.memory.used` : "system.memory.used",
    component: query.component ?? null,
    unit: "MB",
    duration: query.duration,
    interval: query.interval,
    metrics: buckets.map((bucket) => ({ timestamp: iso(bucket.t), value: round1(bucket.value) })),
  };
}

export function memoryTrend(state: ModelState, duration: string): MemoryTrend {
  const durationMs = parseDuration(duration);
  const trend = computeTrend(state.history, state.nowMs - durationMs, state.nowMs);
  if (!trend) throw new HttpError(404, "no_data", `no memory samples in the last ${duration}`);
  const perMin = trend.slopeMbPerMin;
  const timeToLimit = perMin > 0 ? Math.max(0, (limits.memoryLimitMb - trend.endMb) / perMin) : null;
  const components = Object.fromEntries(
    componentKeys.map((key) => {
      const { changeMb, slopeMbPerMin } = trend.components[key];
      return [key, { change_mb: round1(changeMb), growth_rate_mb_per_hour: round1(slopeMbPerMin * 60) }];
    }),
  ) as MemoryTrend["components"];
  return {
    timestamp: iso(state.nowMs),
    duration,
    window_start: iso(trend.fromMs),
    window_end: iso(trend.toMs),
    samples: trend.samples,
    start_mb: round1(trend.startMb),
    end_mb: round1(trend.endMb),
    change_mb: round1(trend.endMb - trend.startMb),
    growth_rate_mb_per_min: Math.round(perMin * 100) / 100,
    growth_rate_mb_per_hour: round1(perMin * 60),
    trend: Math.abs(perMin) < stableMbPerMin ? "stable" : perMin > 0 ? "increasing" : "decreasing",
    limit_mb: limits.memoryLimitMb,
    time_to_limit_min: timeToLimit === null ? null : round1(timeToLimit),
    projected_limit_at: timeToLimit === null ? null : iso(trend.toMs + timeToLimit * MINUTE_MS),
    components,
  };
}

export function historySamples(state: ModelState, query: { duration: string; step: string }): HistorySample[] {
  const stepMs = parseDuration(query.step);
  if (stepMs < SAMPLE_MS) throw new HttpError(400, "bad_request", "step must be at least 15s (the sampling period)");
  const points = samplesBetween(state.history, state.nowMs - parseDuration(query.duration), state.nowMs, stepMs);
  return points.map((point) => ({
    timestamp: iso(point.t),
    used_mb: round1(point.usedMb),
    components: Object.fromEntries(componentKeys.map((key) => [key, round1(point.components[key])])) as HistorySample["components"],
  }));
}
