import { describe, expect, it } from "vitest";
import { estimateTheilSenSlope } from "@/lib/forecast/estimate-theil-sen-slope";
import { forecastMemory } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { projectToLimit } from "@/lib/forecast/project-to-limit";
import { measureDiffMean, resampleAtSteps } from "@/lib/forecast/resample-at-steps";

const start = Date.UTC(2025, 0, 1, 12, 0, 0);
const minute = 60_000;

/** One sample every 15 s for `minutes`, following `valueAt(minutesSinceStart)`. */
function series(minutes: number, valueAt: (m: number) => number): MemoryPoint[] {
  return Array.from({ length: minutes * 4 + 1 }, (_, i) => ({ t: start + i * 15_000, valueMb: valueAt(i / 4) }));
}

function leastSquaresSlope(samples: MemoryPoint[]): number {
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.t, 0) / n;
  const my = samples.reduce((s, p) => s + p.valueMb, 0) / n;
  const sxy = samples.reduce((s, p) => s + (p.t - mx) * (p.valueMb - my), 0);
  const sxx = samples.reduce((s, p) => s + (p.t - mx) ** 2, 0);
  return sxy / sxx;
}

describe("forecastMemory", () => {
  it("gives the exact slope and time to limit on a linear series", () => {
    // 2 MB per minute = 10 MB per 5 minutes; ends at 2120 MB.
    const forecast = forecastMemory({ samples: series(60, (m) => 2000 + 2 * m), limitMb: 4096 });
    expect(forecast.currentMb).toBe(2120);
    expect(forecast.currentAt).toBe(start + 60 * minute);
    expect(forecast.growthMbPer5m.diffMean).toBeCloseTo(10, 9);
    expect(forecast.growthMbPer5m.theilSen).toBeCloseTo(10, 9);
    expect(forecast.timeToLimitMinutes).toBeCloseTo(((4096 - 2120) / 10) * 5, 6);
    expect(forecast.runbookTimeToLimitMinutes).toBeCloseTo(988, 6);
    expect(forecast.notProjected).toBeNull();
    expect(forecast.limitWithinHour).toBe(false);
  });

  it("warns when the limit is fewer than 12 five-minute intervals away", () => {
    const near = forecastMemory({ samples: series(30, (m) => 3500 + 10 * m), limitMb: 4096 });
    expect(near.timeToLimitMinutes).toBeCloseTo(((4096 - 3800) / 50) * 5, 6);
    expect(near.limitWithinHour).toBe(true);
    const justOver = forecastMemory({ samples: series(30, (m) => 3000 + 10 * m), limitMb: 4096 });
    expect(justOver.timeToLimitMinutes).toBeCloseTo(79.6, 6);
    expect(justOver.limitWithinHour).toBe(false);
  });

  it("does not project a flat, falling or negligibly growing series", () => {
    expect(forecastMemory({ samples: series(60, () => 3000), limitMb: 4096 })).toMatchObject({
      timeToLimitMinutes: null,
      runbookTimeToLimitMinutes: null,
      notProjected: "not_growing",
      limitWithinHour: false,
    });
    expect(forecastMemory({ samples: series(60, (m) => 3500 - m), limitMb: 4096 }).notProjected).toBe("not_growing");
    // 0.1 MB per 5 minutes, below 0.01 % of 4096 MB.
    const slow = forecastMemory({ samples: series(60, (m) => 3000 + 0.02 * m), limitMb: 4096 });
    expect(slow.notProjected).toBe("negligible_growth");
    expect(slow.timeToLimitMinutes).toBeNull();
  });

  it("reports insufficient data and an already reached limit", () => {
    expect(forecastMemory({ samples: [], limitMb: 4096 }).notProjected).toBe("insufficient_data");
    expect(forecastMemory({ samples: [{ t: start, valueMb: 100 }], limitMb: 4096 }).notProjected).toBe("insufficient_data");
    const over = forecastMemory({ samples: series(10, () => 4100), limitMb: 4096 });
    expect(over).toMatchObject({ timeToLimitMinutes: 0, limitWithinHour: true, notProjected: null });
    expect(() => forecastMemory({ samples: [], limitMb: 0 })).toThrow(/limitMb/);
  });

  it("keeps the robust slope when one outlier swings least squares and the runbook's diff mean", () => {
    const samples = series(60, (m) => 2000 + 2 * m);
    samples[samples.length - 1] = { ...samples[samples.length - 1], valueMb: 4000 };
    const forecast = forecastMemory({ samples, limitMb: 4096 });
    expect(forecast.growthMbPer5m.theilSen).toBeCloseTo(10, 1);
    expect(Math.abs(leastSquaresSlope(samples) * 5 * minute - 10)).toBeGreaterThan(3);
    expect(Math.abs((forecast.growthMbPer5m.diffMean ?? 0) - 10)).toBeGreaterThan(100);
  });

  it("does not depend on input order", () => {
    const samples = series(20, (m) => 1000 + 3 * m);
    const shuffled = [...samples].reverse();
    expect(forecastMemory({ samples: shuffled, limitMb: 4096 })).toEqual(forecastMemory({ samples, limitMb: 4096 }));
  });
});

describe("estimateTheilSenSlope", () => {
  it("caps pairs on large inputs and stays deterministic and accurate", () => {
    // 24 h of 15 s samples: 16.6 M pairs, above the cap.
    let state = 42;
    const noise = () => ((state = (state * 48271) % 2147483647) / 2147483647 - 0.5) * 40;
    const points = Array.from({ length: 5761 }, (_, i) => ({ x: i * 15_000, y: 1000 + i * 0.05 + noise() }));
    const first = estimateTheilSenSlope({ points });
    expect(first).toBe(estimateTheilSenSlope({ points }));
    expect((first ?? 0) * 15_000).toBeCloseTo(0.05, 2);
  });

  it("returns null without two distinct times", () => {
    expect(estimateTheilSenSlope({ points: [{ x: 1, y: 1 }] })).toBeNull();
    expect(estimateTheilSenSlope({ points: [{ x: 1, y: 1 }, { x: 1, y: 5 }] })).toBeNull();
  });
});

describe("resampleAtSteps and measureDiffMean", () => {
  it("anchors 5 minute steps on the newest sample and skips differences across an empty step", () => {
    const samples = [0, 4, 6, 16, 20].map((m, i) => ({ t: start + m * minute, valueMb: [100, 110, 120, 150, 170][i] }));
    const values = resampleAtSteps({ samples });
    // Steps end at 0, 5, 10, 15, 20 minutes; (10, 15] is empty and (15, 20] keeps its last sample.
    expect(values).toEqual([100, 110, 120, null, 170]);
    expect(measureDiffMean({ values })).toBeCloseTo((10 + 10) / 2, 9);
  });
});

describe("projectToLimit", () => {
  it("draws from the current reading to the limit at the projected time", () => {
    const forecast = forecastMemory({ samples: series(30, (m) => 3500 + 10 * m), limitMb: 4096 });
    const points = projectToLimit({ forecast });
    expect(points[0]).toEqual({ t: forecast.currentAt, valueMb: 3800 });
    expect(points.at(-1)!.valueMb).toBe(4096);
    expect(points.at(-1)!.t).toBeCloseTo(forecast.currentAt! + forecast.timeToLimitMinutes! * minute, 0);
    expect(points.every((p, i) => i === 0 || (p.t > points[i - 1].t && p.valueMb > points[i - 1].valueMb))).toBe(true);
    expect(points[1].t - points[0].t).toBe(5 * minute);
  });

  it("stops at the horizon and is empty when nothing is projected", () => {
    const slow = forecastMemory({ samples: series(60, (m) => 1000 + m), limitMb: 4096 });
    const points = projectToLimit({ forecast: slow, horizonMs: 60 * minute });
    expect(points.at(-1)!.t).toBe(slow.currentAt! + 60 * minute);
    expect(points.at(-1)!.valueMb).toBeCloseTo(1060 + 60, 6);
    expect(projectToLimit({ forecast: forecastMemory({ samples: series(60, () => 3000), limitMb: 4096 }) })).toEqual([]);
  });
});
