import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";

export type TrendFit = {
  /** The fitted window: whole buckets aligned to multiples of `bucketMs` since the epoch. */
  fromT: number;
  toT: number;
  bucketMs: number;
  bucketCount: number;
  /** Theil–Sen slope of the bucket medians, and its confidence interval (Sen 1968), per ms. */
  slopePerMs: number;
  lowPerMs: number;
  highPerMs: number;
  confidence: number;
  /** The fitted line's level at `toT`. */
  levelAtEndMb: number;
};

export type FitTrendOptions = {
  samples: readonly MemoryPoint[];
  /** Buckets starting before `fromT` or ending after `toT` are left out. */
  fromT: number;
  toT: number;
  bucketMs?: number;
  confidence?: number;
  minBuckets?: number;
};

export const defaultConfidence = 0.9;

/**
 * A straight line through the medians of whole, fixed buckets (5 minutes, aligned like the
 * rollups): one more scrape changes nothing until its bucket is complete, a burst inside a
 * bucket moves its median little, and bucket medians are close enough to independent for the
 * rank-based interval to mean what it says. docs/decisions/0013-forecast-interval.md.
 * Null with fewer than `minBuckets` non-empty buckets.
 */
export function fitTrend(options: FitTrendOptions): TrendFit | null {
  const bucketMs = options.bucketMs ?? fiveMinutesMs;
  const confidence = options.confidence ?? defaultConfidence;
  const fromT = Math.ceil(options.fromT / bucketMs) * bucketMs;
  const toT = Math.floor(options.toT / bucketMs) * bucketMs;
  const points = bucketMedians({ samples: options.samples, fromT, toT, bucketMs });
  if (points.length < (options.minBuckets ?? 3)) return null;
  const slopes = pairwiseSlopes(points);
  const slopePerMs = medianOfSorted(slopes);
  const { low, high } = senInterval({ slopes, n: points.length, confidence });
  const intercept = medianOfSorted(Float64Array.from(points.map((p) => p.y - slopePerMs * p.x)).sort());
  return {
    fromT,
    toT,
    bucketMs,
    bucketCount: points.length,
    slopePerMs,
    lowPerMs: low,
    highPerMs: high,
    confidence,
    levelAtEndMb: intercept + slopePerMs * toT,
  };
}

type Point = { x: number; y: number };

/**
 * One point per non-empty bucket in [fromT, toT): the median time and median value of its
 * samples (on a straight line, the median sample lies on it whatever the bucket's coverage).
 */
function bucketMedians({ samples, fromT, toT, bucketMs }: { samples: readonly MemoryPoint[]; fromT: number; toT: number; bucketMs: number }): Point[] {
  const buckets = new Map<number, MemoryPoint[]>();
  for (const sample of samples) {
    if (sample.t < fromT || sample.t >= toT) continue;
    const start = Math.floor(sample.t / bucketMs) * bucketMs;
    let members = buckets.get(start);
    if (!members) buckets.set(start, (members = []));
    members.push(sample);
  }
  const median = (values: number[]) => medianOfSorted(Float64Array.from(values).sort());
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, members]) => ({ x: median(members.map((s) => s.t)), y: median(members.map((s) => s.valueMb)) }));
}

function pairwiseSlopes(points: readonly Point[]): Float64Array {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) slopes.push((points[j].y - points[i].y) / (points[j].x - points[i].x));
  }
  return Float64Array.from(slopes).sort();
}

/**
 * Sen's (1968) distribution-free interval: with N sorted pairwise slopes and Kendall's S
 * variance n(n−1)(2n+5)/18 (no ties in time: one point per bucket), the bounds are the slopes
 * of rank (N − C)/2 and (N + C)/2, C = z·√var. The ranks are rounded to the nearest (the
 * convention of scipy.stats.theilslopes, which rounds halves to even).
 */
function senInterval({ slopes, n, confidence }: { slopes: Float64Array; n: number; confidence: number }): { low: number; high: number } {
  const total = slopes.length;
  const c = normalQuantile((1 + confidence) / 2) * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lowRank = Math.max(Math.round((total - c) / 2) - 1, 0);
  const highRank = Math.min(Math.round((total + c) / 2), total - 1);
  return { low: slopes[lowRank], high: slopes[highRank] };
}

function medianOfSorted(values: Float64Array): number {
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError("p must be in (0, 1)");
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
