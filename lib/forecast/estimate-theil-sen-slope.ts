import { createMulberry32 } from "@/lib/create-mulberry32";

export type XyPoint = { x: number; y: number };

export type EstimateTheilSenSlopeOptions = {
  points: readonly XyPoint[];
  /**
   * Above this many pairs, a fixed-seed random subset of pairs is used: 24 h of
   * 15 s samples is 16.6 M pairs, while 50 k pairs already pin the median slope.
   */
  maxPairs?: number;
};

const defaultMaxPairs = 50_000;
const seed = 0x5eed_cafe;

/**
 * Median of the pairwise slopes (Theil–Sen): unlike least squares, up to ~29 % of
 * wild points (a GC blip, a restart dip) cannot drag it. Null without two distinct x.
 * Deterministic: the same input always gives the same slope.
 */
export function estimateTheilSenSlope({ points, maxPairs = defaultMaxPairs }: EstimateTheilSenSlopeOptions): number | null {
  const n = points.length;
  const totalPairs = (n * (n - 1)) / 2;
  const slopes = totalPairs <= maxPairs ? collectAllSlopes(points) : collectSampledSlopes(points, maxPairs);
  if (slopes.length === 0) return null;
  return medianInPlace(slopes);
}

function collectAllSlopes(points: readonly XyPoint[]): Float64Array {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const dx = points[j].x - points[i].x;
      if (dx !== 0) slopes.push((points[j].y - points[i].y) / dx);
    }
  }
  return Float64Array.from(slopes);
}

function collectSampledSlopes(points: readonly XyPoint[], maxPairs: number): Float64Array {
  // Seeded: Math.random would make the same chart show different forecasts.
  const random = createMulberry32(seed);
  const n = points.length;
  const slopes = new Float64Array(maxPairs);
  let count = 0;
  // Bounded so that a series of mostly equal x cannot loop forever.
  for (let attempt = 0; attempt < maxPairs * 4 && count < maxPairs; attempt += 1) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    const dx = points[j].x - points[i].x;
    if (dx !== 0) slopes[count++] = (points[j].y - points[i].y) / dx;
  }
  return slopes.subarray(0, count);
}

/**
 * The median, by selection instead of a sort: sorting the 50 k slopes was most of the target
 * page's diagnosis CPU. Reorders `values`. Hoare partitioning around the median of three.
 */
function medianInPlace(values: Float64Array): number {
  const mid = values.length >> 1;
  const upper = selectNth(values, mid);
  if (values.length % 2 === 1) return upper;
  // After the selection every value below `mid` is at most the upper middle: the lower middle is their largest.
  let lower = -Infinity;
  for (let i = 0; i < mid; i += 1) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

function selectNth(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    const a = values[lo], b = values[m], c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i += 1;
      while (values[j] > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** Theil–Sen growth of raw samples in MB per 5 minutes: for the few minutes around an action, too short for 5-minute buckets. */
export function estimateGrowthMbPer5m({ samples }: { samples: readonly { t: number; valueMb: number }[] }): number | null {
  const slope = estimateTheilSenSlope({ points: samples.map((s) => ({ x: s.t, y: s.valueMb })) });
  return slope === null ? null : slope * 5 * 60_000;
}
