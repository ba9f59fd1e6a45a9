import { describe, expect, it } from "vitest";
import { componentKeys } from "@/lib/target-api/schemas";
import { advanceModel, createModel } from "@/simulator/model/create-model";
import { bucketAverages, createHistory, samplesBetween } from "@/simulator/model/history";
import { measureMemory } from "@/simulator/model/measure";
import { simulateHistory } from "@/simulator/model/simulate-history";
import { computeTrend } from "@/simulator/model/trend";
import { HOUR, MINUTE, T0 } from "./model-helpers";

const options = { nowMs: T0, scenario: "leak", historyMs: 2 * HOUR } as const;

describe("determinism", () => {
  it("the same seed, scenario and start give the same past and the same present", () => {
    const a = createModel({ ...options, seed: 5 });
    const b = createModel({ ...options, seed: 5 });
    expect(a.history).toEqual(b.history);
    expect(measureMemory(a)).toEqual(measureMemory(b));
    const other = createModel({ ...options, seed: 6 });
    expect(other.history.used).not.toEqual(a.history.used);
  });

  it("does not depend on how often the model is asked to advance", () => {
    const once = createModel({ ...options, seed: 9 });
    const often = createModel({ ...options, seed: 9 });
    advanceModel(once, T0 + HOUR);
    for (let t = T0; t <= T0 + HOUR; t += 1_234) advanceModel(often, t);
    advanceModel(often, T0 + HOUR);
    expect(often.history).toEqual(once.history);
    expect(measureMemory(often)).toEqual(measureMemory(once));
  });

  it("simulateHistory gives the backfill a target started at the same instant serves", () => {
    const model = createModel({ ...options, seed: 3 });
    const samples = simulateHistory({ endMs: T0, seed: 3, scenario: "leak", historyMs: 2 * HOUR, durationMs: HOUR, stepMs: MINUTE });
    expect(samples).toEqual(samplesBetween(model.history, T0 - HOUR, T0, MINUTE));
    expect(samples).toHaveLength(61);
    expect(samples.every((sample) => sample.t % MINUTE === 0)).toBe(true);
  });
});

describe("history queries", () => {
  const history = createHistory();
  for (let i = 0; i < 40; i += 1) {
    const t = T0 + i * 15_000;
    history.times.push(t);
    history.used.push(1_000 + i * 3);
    for (const key of componentKeys) history.components[key].push(key === "cache" ? 100 : i);
  }

  it("averages samples per interval bucket aligned to the epoch", () => {
    const buckets = bucketAverages(history, { fromMs: T0, toMs: T0 + 10 * MINUTE, intervalMs: 5 * MINUTE });
    expect(buckets).toHaveLength(2);
    expect(buckets[0]).toEqual({ t: T0, value: 1_000 + 3 * 9.5 });
    expect(buckets[1]).toEqual({ t: T0 + 5 * MINUTE, value: 1_000 + 3 * 29.5 });
    const cache = bucketAverages(history, { fromMs: T0, toMs: T0 + 10 * MINUTE, intervalMs: 5 * MINUTE, component: "cache" });
    expect(cache.map((bucket) => bucket.value)).toEqual([100, 100]);
  });

  it("fits the growth rate by least squares", () => {
    const trend = computeTrend(history, T0, T0 + 10 * MINUTE)!;
    expect(trend.samples).toBe(40);
    expect(trend.slopeMbPerMin).toBeCloseTo(12, 9);
    expect(trend.components.cache.slopeMbPerMin).toBe(0);
    expect(trend.endMb - trend.startMb).toBe(117);
    expect(computeTrend(history, T0 - HOUR, T0 - MINUTE)).toBeNull();
  });
});
