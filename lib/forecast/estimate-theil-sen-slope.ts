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
  return medianOfSorted(slopes.sort());
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

function medianOfSorted(values: Float64Array): number {
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// Small, well-known PRNG; Math.random would make the same chart show different forecasts.
function createMulberry32(initial: number): () => number {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Theil–Sen growth of raw samples in MB per 5 minutes: for the few minutes around an action, too short for 5-minute buckets. */
export function estimateGrowthMbPer5m({ samples }: { samples: readonly { t: number; valueMb: number }[] }): number | null {
  const slope = estimateTheilSenSlope({ points: samples.map((s) => ({ x: s.t, y: s.valueMb })) });
  return slope === null ? null : slope * 5 * 60_000;
}
