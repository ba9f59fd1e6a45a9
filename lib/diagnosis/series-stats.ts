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

export type Rise = { riseMb: number; fromT: number; toT: number };

/**
 * At each sample, the climb that ends there: the rise from the lowest value up to `windowMs`
 * earlier, but not from before the last sample at least as high. Memory that came down from a
 * higher point and climbed again climbed from where it came down to, not from a low before the
 * higher point (a second import after a restart is its own jump). The largest rise is the same
 * either way: the first sample to reach a top has no higher one between it and the low.
 * A monotonic deque gives the window's minima and a monotonic stack the last higher sample:
 * O(n log n). With an unbounded window, the rise from the lowest value anywhere before.
 */
function risesEndingAt({ samples, windowMs }: { samples: readonly MemoryPoint[]; windowMs: number }): Rise[] {
  const rises: Rise[] = [];
  // Indices with increasing values: each is the minimum from the one before it up to i.
  const deque: number[] = [];
  let head = 0;
  // Indices with decreasing values: the top is the last sample higher than or equal to i.
  const higher: number[] = [];
  for (let i = 0; i < samples.length; i += 1) {
    const value = samples[i].valueMb;
    while (deque.length > head && samples[deque[deque.length - 1]].valueMb >= value) deque.pop();
    deque.push(i);
    while (samples[i].t - samples[deque[head]].t > windowMs) head += 1;
    while (higher.length > 0 && samples[higher[higher.length - 1]].valueMb < value) higher.pop();
    const since = higher.length > 0 ? higher[higher.length - 1] : -1;
    higher.push(i);
    const low = samples[deque[firstAtOrAfter(deque, head, since + 1)]];
    rises.push({ riseMb: value - low.valueMb, fromT: low.t, toT: samples[i].t });
  }
  return rises;
}

/** The first position from `head` on whose index is at least `index` (the deque's indices increase). */
function firstAtOrAfter(deque: readonly number[], head: number, index: number): number {
  let lo = head;
  let hi = deque.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (deque[mid] < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Largest rise within any window of `windowMs` (value minus the lowest value up to
 * `windowMs` earlier): O(n log n). With an unbounded window this is the largest rise anywhere in the series.
 */
export function findLargestRise({ samples, windowMs }: { samples: readonly MemoryPoint[]; windowMs: number }): Rise {
  let best: Rise = { riseMb: 0, fromT: samples[0]?.t ?? 0, toT: samples[0]?.t ?? 0 };
  for (const rise of risesEndingAt({ samples, windowMs })) if (rise.riseMb > best.riseMb) best = rise;
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

/**
 * Every jump in the series: at each sample, the rise from the lowest value up to `windowMs`
 * earlier, kept where that rise is the largest of the rises within `windowMs` either side that
 * overlap it (the top of one jump). Oldest first; the largest of them is `findLargestRise` with
 * the same window.
 */
export function findRises({ samples, windowMs }: { samples: readonly MemoryPoint[]; windowMs: number }): Rise[] {
  const rises = risesEndingAt({ samples, windowMs });
  // Two rises are one climb when they overlap: one started before the other topped. A plateau's
  // first sample stands for it (an equal rise before wins). A rise that starts after another
  // topped is a jump of its own however close, such as a second import after a restart.
  return rises.filter((rise, i) => {
    if (!(rise.riseMb > 0)) return false;
    for (let j = i - 1; j >= 0 && rise.toT - rises[j].toT <= windowMs; j -= 1) if (rise.fromT <= rises[j].toT && rises[j].riseMb >= rise.riseMb) return false;
    for (let j = i + 1; j < rises.length && rises[j].toT - rise.toT <= windowMs; j += 1) if (rises[j].fromT <= rise.toT && rises[j].riseMb > rise.riseMb) return false;
    return true;
  });
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

/**
 * Noise σ at a fixed time scale: differences between samples `lagMs` apart (the nearest sample
 * at or before t − lagMs, if no more than half a lag earlier), robust as estimateNoiseMb.
 * Memory wanders between scrapes, so per-sample differences would read more noise the
 * further apart the scrapes are; a fixed lag reads the same whatever the spacing.
 */
export function estimateNoiseAtLagMb({ samples, lagMs }: { samples: readonly MemoryPoint[]; lagMs: number }): number {
  const diffs: number[] = [];
  let j = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const target = samples[i].t - lagMs;
    while (j + 1 < i && samples[j + 1].t <= target) j += 1;
    if (j < i && samples[j].t <= target && target - samples[j].t <= lagMs / 2) diffs.push(samples[i].valueMb - samples[j].valueMb);
  }
  if (diffs.length < 2) return estimateNoiseMb({ values: samples.map((s) => s.valueMb) });
  const center = medianOf(diffs);
  const mad = medianOf(diffs.map((d) => Math.abs(d - center)));
  return mad / 0.6745 / Math.SQRT2;
}

/** Centred running median over ±`halfWidthMs`: blips shorter than that go, steps and ramps stay. */
export function smoothMedianOverTime({ samples, halfWidthMs }: { samples: readonly MemoryPoint[]; halfWidthMs: number }): MemoryPoint[] {
  let lo = 0;
  let hi = 0;
  return samples.map((sample, i) => {
    while (samples[lo].t < sample.t - halfWidthMs) lo += 1;
    while (hi + 1 < samples.length && samples[hi + 1].t <= sample.t + halfWidthMs) hi += 1;
    // Symmetric around the sample, so an edge sample is not pulled by one side only.
    const reach = Math.min(i - lo, hi - i);
    return { t: sample.t, valueMb: medianOf(samples.slice(i - reach, i + reach + 1).map((s) => s.valueMb)) };
  });
}
