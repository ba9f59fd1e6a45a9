import type { MemoryPoint } from "@/lib/metrics/memory-point";

export type DownsampleLttbOptions<P extends MemoryPoint> = {
  /** Sorted by `t` ascending. */
  points: readonly P[];
  maxPoints: number;
};

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the first and last point
 * and, per bucket, the point forming the largest triangle with the previous pick and
 * the next bucket's average. Unlike averaging or every-nth sampling it keeps a
 * single-sample spike, which is exactly what a memory chart must not hide. O(n).
 * Returns the caller's own point objects.
 */
export function downsampleLttb<P extends MemoryPoint>({ points, maxPoints }: DownsampleLttbOptions<P>): P[] {
  const n = points.length;
  const target = Math.floor(maxPoints);
  if (target >= n) return [...points];
  if (target <= 0) return [];
  // With one point allowed, the newest reading is the one a memory chart needs.
  if (target === 1) return [points[n - 1]];
  if (target === 2) return [points[0], points[n - 1]];

  const bucketSize = (n - 2) / (target - 2);
  const sampled: P[] = [points[0]];
  let anchor = 0;
  for (let bucket = 0; bucket < target - 2; bucket += 1) {
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    const { t: avgT, valueMb: avgV } = averageRange(points, nextStart, nextEnd);
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const a = points[anchor];
    let bestArea = -1;
    let best = start;
    for (let i = start; i < end; i += 1) {
      // Twice the triangle's area; the factor does not change which point wins.
      const area = Math.abs((a.t - avgT) * (points[i].valueMb - a.valueMb) - (a.t - points[i].t) * (avgV - a.valueMb));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    sampled.push(points[best]);
    anchor = best;
  }
  sampled.push(points[n - 1]);
  return sampled;
}

function averageRange(points: readonly MemoryPoint[], start: number, end: number): MemoryPoint {
  let t = 0;
  let v = 0;
  for (let i = start; i < end; i += 1) {
    t += points[i].t;
    v += points[i].valueMb;
  }
  const count = end - start;
  return { t: t / count, valueMb: v / count };
}
