import { componentKeys, type ComponentKey } from "@/lib/target-api/schemas";
import { firstIndexAtOrAfter } from "./history";
import { MINUTE_MS } from "./profile";
import type { HistoryBuffer } from "./types";

export type Trend = {
  fromMs: number;
  toMs: number;
  samples: number;
  startMb: number;
  endMb: number;
  slopeMbPerMin: number;
  components: Record<ComponentKey, { changeMb: number; slopeMbPerMin: number }>;
};

/** Least-squares slope in MB per minute: a fit, so one noisy sample at either end does not decide the trend. */
function slope(times: number[], values: number[], from: number, to: number): number {
  const n = to - from;
  if (n < 2) return 0;
  let meanT = 0;
  let meanV = 0;
  for (let i = from; i < to; i += 1) {
    meanT += times[i] / n;
    meanV += values[i] / n;
  }
  let covariance = 0;
  let variance = 0;
  for (let i = from; i < to; i += 1) {
    covariance += (times[i] - meanT) * (values[i] - meanV);
    variance += (times[i] - meanT) ** 2;
  }
  return variance === 0 ? 0 : (covariance / variance) * MINUTE_MS;
}

export function computeTrend(history: HistoryBuffer, fromMs: number, toMs: number): Trend | null {
  const from = firstIndexAtOrAfter(history, fromMs);
  const to = firstIndexAtOrAfter(history, toMs + 1);
  if (to - from < 1) return null;
  const last = to - 1;
  const components = Object.fromEntries(
    componentKeys.map((key) => {
      const values = history.components[key];
      return [key, { changeMb: values[last] - values[from], slopeMbPerMin: slope(history.times, values, from, to) }];
    }),
  ) as Trend["components"];
  return {
    fromMs: history.times[from],
    toMs: history.times[last],
    samples: to - from,
    startMb: history.used[from],
    endMb: history.used[last],
    slopeMbPerMin: slope(history.times, history.used, from, to),
    components,
  };
}
