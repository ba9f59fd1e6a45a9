import { componentKeys, type ComponentKey } from "@/lib/target-api/schemas";
import type { MemoryBreakdown } from "./measure";
import type { HistoryBuffer } from "./types";

/** Eight days of 15 s samples: enough for every duration the contract accepts (up to 7d). */
const retainedSamples = 8 * 24 * 240;

export function createHistory(): HistoryBuffer {
  const components = Object.fromEntries(componentKeys.map((key) => [key, [] as number[]]));
  return { times: [], used: [], components: components as Record<ComponentKey, number[]> };
}

export function recordSample(history: HistoryBuffer, t: number, memory: MemoryBreakdown): void {
  history.times.push(t);
  history.used.push(memory.usedMb);
  for (const key of componentKeys) history.components[key].push(memory.components[key].usedMb);
  const excess = history.times.length - retainedSamples;
  if (excess > 2_000) {
    history.times.splice(0, excess);
    history.used.splice(0, excess);
    for (const key of componentKeys) history.components[key].splice(0, excess);
  }
}

/** Index of the first sample at or after `t` (binary search: samples are in time order). */
export function firstIndexAtOrAfter(history: HistoryBuffer, t: number): number {
  let low = 0;
  let high = history.times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (history.times[mid] < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

export type HistoryPoint = { t: number; usedMb: number; components: Record<ComponentKey, number> };

/** The first sample of each step in [from, to]; a 15 s step returns every sample. */
export function samplesBetween(history: HistoryBuffer, fromMs: number, toMs: number, stepMs: number): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  let nextBoundary = -Infinity;
  for (let i = firstIndexAtOrAfter(history, fromMs); i < history.times.length && history.times[i] <= toMs; i += 1) {
    const t = history.times[i];
    if (t < nextBoundary) continue;
    nextBoundary = Math.floor(t / stepMs) * stepMs + stepMs;
    const components = Object.fromEntries(componentKeys.map((key) => [key, history.components[key][i]]));
    points.push({ t, usedMb: history.used[i], components: components as Record<ComponentKey, number> });
  }
  return points;
}

/** Averages per interval bucket (aligned to the epoch, so repeated queries line up). */
export function bucketAverages(
  history: HistoryBuffer,
  options: { fromMs: number; toMs: number; intervalMs: number; component?: ComponentKey },
): { t: number; value: number }[] {
  const values = options.component ? history.components[options.component] : history.used;
  const buckets: { t: number; value: number }[] = [];
  let current = null as { t: number; total: number; count: number } | null;
  for (let i = firstIndexAtOrAfter(history, options.fromMs); i < history.times.length && history.times[i] <= options.toMs; i += 1) {
    const bucket = Math.floor(history.times[i] / options.intervalMs) * options.intervalMs;
    if (current?.t !== bucket) {
      if (current) buckets.push({ t: current.t, value: current.total / current.count });
      current = { t: bucket, total: 0, count: 0 };
    }
    current.total += values[i];
    current.count += 1;
  }
  if (current) buckets.push({ t: current.t, value: current.total / current.count });
  return buckets;
}
