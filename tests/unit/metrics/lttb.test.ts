import { describe, expect, it } from "vitest";
import { downsampleLttb } from "@/lib/metrics/lttb";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

function wave(n: number): MemoryPoint[] {
  return Array.from({ length: n }, (_, i) => ({ t: 1_000_000 + i * 15_000, valueMb: 2000 + 300 * Math.sin(i / 50) }));
}

describe("downsampleLttb", () => {
  it("keeps a single-sample spike that every-nth sampling would drop", () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ t: i, valueMb: 1000 }));
    points[4321] = { t: 4321, valueMb: 4000 };
    const out = downsampleLttb({ points, maxPoints: 100 });
    expect(out).toContain(points[4321]);
    const everyNth = points.filter((_, i) => i % 100 === 0);
    expect(everyNth).not.toContain(points[4321]);
  });

  it("keeps a one-sample dip as well", () => {
    const points = wave(5000);
    points[2500] = { ...points[2500], valueMb: 0 };
    expect(downsampleLttb({ points, maxPoints: 60 })).toContain(points[2500]);
  });

  it("returns exactly maxPoints, first and last kept, in time order, picked from the input", () => {
    const points = wave(7777);
    for (const maxPoints of [3, 10, 101, 640, 7776]) {
      const out = downsampleLttb({ points, maxPoints });
      expect(out).toHaveLength(maxPoints);
      expect(out[0]).toBe(points[0]);
      expect(out.at(-1)).toBe(points.at(-1));
      expect(out.every((p, i) => i === 0 || p.t > out[i - 1].t)).toBe(true);
      const inputs = new Set(points);
      expect(out.every((p) => inputs.has(p))).toBe(true);
    }
  });

  it("returns the input as is when it already fits", () => {
    const points = wave(50);
    expect(downsampleLttb({ points, maxPoints: 50 })).toEqual(points);
    expect(downsampleLttb({ points, maxPoints: 500 })).toEqual(points);
    expect(downsampleLttb({ points: [], maxPoints: 10 })).toEqual([]);
  });

  it("handles fewer than three points allowed", () => {
    const points = wave(100);
    expect(downsampleLttb({ points, maxPoints: 2 })).toEqual([points[0], points[99]]);
    expect(downsampleLttb({ points, maxPoints: 1 })).toEqual([points[99]]);
    expect(downsampleLttb({ points, maxPoints: 0 })).toEqual([]);
    expect(downsampleLttb({ points, maxPoints: -5 })).toEqual([]);
    expect(downsampleLttb({ points, maxPoints: 2.9 })).toHaveLength(2);
  });

  it("keeps extra fields of the caller's points", () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ t: i, valueMb: i % 3, label: `p${i}` }));
    expect(downsampleLttb({ points, maxPoints: 5 })[0].label).toBe("p0");
  });

  it("runs in linear time on a million points", () => {
    const points = wave(1_000_000);
    const started = performance.now();
    expect(downsampleLttb({ points, maxPoints: 1000 })).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
