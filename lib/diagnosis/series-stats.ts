import type { MemoryPoint } from "@/lib/metrics/memory-point";

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Standard deviation of sample-to-sample noise, from the median absolute deviation
 * of first differences (/0.6745 for a normal MAD, /√2 because a difference carries
 * two samples' noise). Differencing removes a trend, the median ignores the few
 * large steps a spike makes, so a clean leak or step reads as zero noise.
 */
export function estimateNoiseMb({ values }: { values: readonly number[] }): number {
  if (values.length < 3) return 0;
  const diffs = values.slice(1).map((v, i) => v - values[i]);
  const center = medianOf(diffs);
  const mad = medianOf(diffs.map((d) => Math.abs(d - center)));
  return mad / 0.6745 / Math.SQRT2;
}

/** Centred running median of three: a one-sample blip cannot hold an alert for 5 minutes. */
export function smoothMedianOfThree({ values }: { values: readonly number[] }): number[] {
  return values.map((v, i) => (i === 0 || i === values.length - 1 ? v : medianOf([values[i - 1], v, values[i + 1]])));
}

export type Rise = { riseMb: number; fromT: number; toT: number };

/**
 * Largest rise within any window of `windowMs` (value minus the lowest value up to
 * `windowMs` earlier), via a monotonic deque: O(n). With an unbounded window this is
 * the largest rise anywhere in the series.
 */
export function findLargestRise({ samples, windowMs }: { samples: readonly MemoryPoint[]; windowMs: number }): Rise {
  const deque: number[] = [];
  let best: Rise = { riseMb: 0, fromT: samples[0]?.t ?? 0, toT: samples[0]?.t ?? 0 };
  let head = 0;
  for (let i = 0; i < samples.length; i += 1) {
    while (deque.length > head && samples[deque[deque.length - 1]].valueMb >= samples[i].valueMb) deque.pop();
    deque.push(i);
    while (samples[i].t - samples[deque[head]].t > windowMs) head += 1;
    const low = samples[deque[head]];
    const rise = samples[i].valueMb - low.valueMb;
    if (rise > best.riseMb) best = { riseMb: rise, fromT: low.t, toT: samples[i].t };
  }
  return best;
}

/**
 * End level minus start level, each the median of the samples in the first/last
 * `edgeMs` of the series: steady to noise, and unlike a slope it measures a step
 * exactly (a steady trend reads `edgeMs` of growth short, the same for every series).
 */
export function measureLevelChange({ samples, edgeMs }: { samples: readonly MemoryPoint[]; edgeMs: number }): number {
  if (samples.length === 0) return 0;
  const firstT = samples[0].t;
  const lastT = samples[samples.length - 1].t;
  const start = samples.filter((s) => s.t - firstT <= edgeMs).map((s) => s.valueMb);
  const end = samples.filter((s) => lastT - s.t <= edgeMs).map((s) => s.valueMb);
  return medianOf(end) - medianOf(start);
}

/** Time of the steepest single step inside [fromT, toT]: where a jump actually happened. */
export function findSteepestStepAt({ samples, fromT, toT }: { samples: readonly MemoryPoint[]; fromT: number; toT: number }): number | null {
  let best: number | null = null;
  let bestRise = 0;
  for (let i = 1; i < samples.length; i += 1) {
    if (samples[i - 1].t < fromT || samples[i].t > toT) continue;
    const rise = samples[i].valueMb - samples[i - 1].valueMb;
    if (rise > bestRise) {
      bestRise = rise;
      best = samples[i].t;
    }
  }
  return best;
}
