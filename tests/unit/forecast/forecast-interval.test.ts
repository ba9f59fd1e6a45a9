import { describe, expect, it } from "vitest";
import { fitTrend, normalQuantile } from "@/lib/forecast/fit-trend";
import { forecastMemory, forecastWindowAt } from "@/lib/forecast/forecast-memory";
import { projectToLimit } from "@/lib/forecast/project-to-limit";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { HOUR, MINUTE, simulatedWindow, simulateWithActions } from "@/tests/support/simulator-series";

const limitMb = 4096;
const T0 = Date.UTC(2025, 0, 15, 14);
const timeout = 60_000;

describe("fitTrend", () => {
  // The worked example of docs/decisions/0013-forecast-interval.md: twelve 5-minute medians.
  const medians = [2410, 2432, 2425, 2451, 2440, 2468, 2475, 2466, 2490, 2502, 2497, 2521];
  const start = Date.UTC(2026, 11, 1, 8, 0);
  const samples = medians.map((valueMb, i) => ({ t: start + i * 5 * MINUTE + 150_000, valueMb }));

  it("gives the Theil–Sen slope and Sen's interval as scipy.stats.theilslopes does", () => {
    // scipy 1.17.1: theilslopes(y, x_minutes, alpha) → slope 1.77333/min, 90 % [1.6, 2.06667], 95 % [1.5, 2.16667].
    const fit90 = fitTrend({ samples, fromT: start, toT: start + HOUR, confidence: 0.9 })!;
    const fit95 = fitTrend({ samples, fromT: start, toT: start + HOUR, confidence: 0.95 })!;
    const per5m = (perMs: number) => perMs * 5 * MINUTE;
    expect(per5m(fit90.slopePerMs)).toBeCloseTo(8.8667, 3);
    expect(per5m(fit90.lowPerMs)).toBeCloseTo(8.0, 9);
    expect(per5m(fit90.highPerMs)).toBeCloseTo(10.3333, 3);
    expect(per5m(fit95.lowPerMs)).toBeCloseTo(7.5, 9);
    expect(per5m(fit95.highPerMs)).toBeCloseTo(10.8333, 3);
    // scipy's method="joint" intercept, carried to 09:00.
    expect(fit90.levelAtEndMb).toBeCloseTo(2522.4, 6);
    expect(fit90).toMatchObject({ fromT: start, toT: start + HOUR, bucketCount: 12, confidence: 0.9 });
  });

  it("uses whole buckets only, and needs three", () => {
    expect(fitTrend({ samples, fromT: start + 60_000, toT: start + HOUR })!.bucketCount).toBe(11);
    expect(fitTrend({ samples: samples.slice(0, 2), fromT: start, toT: start + HOUR })).toBeNull();
  });

  it("computes normal quantiles", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});

describe("forecastMemory on the simulator's services", () => {
  const leak = simulatedWindow({ scenario: "leak", seed: 31, endMs: T0, durationMs: 3.5 * HOUR });
  const upTo = (samples: MemoryPoint[], now: number) => samples.filter((s) => s.t <= now);

  it("projects the leak with a range and says what it fitted on", () => {
    const forecast = forecastMemory({ samples: leak.total, limitMb, now: T0 });
    expect(forecast.notProjected).toBeNull();
    const { low, theilSen, high } = forecast.growthMbPer5m;
    expect(low!).toBeGreaterThan(0);
    expect(low!).toBeLessThanOrEqual(theilSen!);
    expect(theilSen!).toBeLessThanOrEqual(high!);
    const range = forecast.timeToLimitRange!;
    expect(range.soonestMinutes).toBeLessThanOrEqual(forecast.timeToLimitMinutes!);
    expect(forecast.timeToLimitMinutes!).toBeLessThanOrEqual(range.latestMinutes);
    expect(forecast.window).toMatchObject({ fromT: T0 - 3 * HOUR, toT: T0, bucketMinutes: 5, bucketCount: 36, confidence: 0.9, sinceT: null });
  });

  it("holds steady between scrapes: within a 5-minute bucket only the countdown moves", () => {
    const history = simulatedWindow({ scenario: "leak", seed: 31, endMs: T0 + 5 * MINUTE, durationMs: 3.6 * HOUR });
    const reachAt: number[] = [];
    const growth: (number | null)[] = [];
    for (let now = T0 + 15_000; now < T0 + 5 * MINUTE; now += 15_000) {
      const forecast = forecastMemory({ samples: upTo(history.total, now), limitMb, now });
      reachAt.push(Math.round(forecast.currentAt! + forecast.timeToLimitMinutes! * MINUTE));
      growth.push(forecast.growthMbPer5m.theilSen);
    }
    expect(new Set(reachAt).size).toBe(1);
    expect(new Set(growth).size).toBe(1);
  }, timeout);

  it("changes only in 5-minute steps over half an hour of scrapes, and never flips to not projected", () => {
    const history = simulatedWindow({ scenario: "leak", seed: 31, endMs: T0 + 30 * MINUTE, durationMs: 4 * HOUR });
    const outcomes = new Map<number, Set<string>>();
    for (let now = T0; now <= T0 + 30 * MINUTE; now += 15_000) {
      const forecast = forecastMemory({ samples: upTo(history.total, now), limitMb, now });
      expect(forecast.notProjected).toBeNull();
      const { toT } = forecastWindowAt({ now });
      outcomes.set(toT, (outcomes.get(toT) ?? new Set()).add(`${forecast.growthMbPer5m.theilSen} ${forecast.growthMbPer5m.low} ${forecast.growthMbPer5m.high}`));
    }
    expect([...outcomes.keys()]).toEqual(Array.from({ length: 7 }, (_, i) => T0 + i * 5 * MINUTE));
    for (const seen of outcomes.values()) expect(seen.size).toBe(1);
  }, timeout);

  it("does not project the steady service when its interval includes zero growth", () => {
    let notProjected = 0;
    for (let i = 0; i < 4; i += 1) {
      const steady = simulatedWindow({ scenario: "steady", seed: 40 + i, endMs: T0 + i * 26 * HOUR, durationMs: 3.2 * HOUR });
      const forecast = forecastMemory({ samples: steady.total, limitMb, now: T0 + i * 26 * HOUR });
      if (forecast.notProjected === "not_growing") {
        notProjected += 1;
        expect(forecast.growthMbPer5m.low!).toBeLessThanOrEqual(0);
        expect(forecast.timeToLimitMinutes).toBeNull();
        expect(projectToLimit({ forecast })).toEqual([]);
      } else {
        expect(forecast.growthMbPer5m.low!).toBeGreaterThan(0);
      }
    }
    expect(notProjected).toBeGreaterThanOrEqual(2);
  }, timeout);

  it("after a restart, fits only what came since, and says so", () => {
    const sim = simulateWithActions({ scenario: "leak", seed: 7, startMs: T0, minutes: 60, actions: [{ id: 5, atMinute: 0, kind: "restart" }] });
    const now = T0 + 60 * MINUTE;
    const across = forecastMemory({ samples: sim.total, limitMb, now });
    expect(across.notProjected).toBe("not_growing");
    const since = forecastMemory({ samples: sim.total, limitMb, now, sinceT: sim.interventions[0].finishedAt });
    expect(since.window).toMatchObject({ fromT: T0 + 5 * MINUTE, toT: now, bucketCount: 11, sinceT: T0 + 1 });
    expect(since.growthMbPer5m.theilSen!).toBeGreaterThan(0);
    const tooSoon = forecastMemory({ samples: sim.total.filter((s) => s.t <= T0 + 12 * MINUTE), limitMb, now: T0 + 12 * MINUTE, sinceT: T0 + 1 });
    expect(tooSoon.notProjected).toBe("insufficient_data");
  }, timeout);
});
