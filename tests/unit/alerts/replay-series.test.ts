import { describe, expect, it } from "vitest";
import { alertRuleSchema, defaultAlertRules } from "@/lib/alerts/alert-rule-schema";
import { backtestRules } from "@/lib/alerts/backtest-rules";
import { replaySeries, type SeriesSample } from "@/lib/alerts/replay-series";
import { evaluateStepByStep } from "@/tests/support/evaluate-step-by-step";

function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe("replaySeries", () => {
  it("emits only changes, rules in order within one evaluation", () => {
    const samples = [{ t: 0, value: 0.96 }, { t: 150, value: 0.96 }, { t: 310, value: 0.5 }];
    const { events, lastEvaluationT } = replaySeries({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 });
    expect(events).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 0, rule: "SEV-1", state: "pending" },
      { t: 300, rule: "SEV-2", state: "firing" },
      { t: 300, rule: "SEV-1", state: "firing" },
      { t: 315, rule: "SEV-2", state: "inactive" },
      { t: 315, rule: "SEV-1", state: "inactive" },
    ]);
    expect(lastEvaluationT).toBe(600);
  });

  it("matches a step-by-step evaluation on gappy random series", () => {
    const random = createRandom(7);
    for (let round = 0; round < 20; round += 1) {
      const samples: SeriesSample[] = [];
      let t = Math.floor(random() * 2000);
      for (let i = 0; i < 150; i += 1) {
        samples.push({ t, value: Math.round(random() * 0.2 * 1000) / 1000 + 0.8 });
        t += random() < 0.1 ? 200 + Math.floor(random() * 800) : 5 + Math.floor(random() * 30);
      }
      const { events } = replaySeries({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 });
      const end = samples.at(-1)!.t + 300;
      // Step by step with no shortcuts, to check replaySeries' skipping.
      expect(events).toEqual(evaluateStepByStep({ rules: defaultAlertRules, samples, intervalSeconds: 15, untilSeconds: end }).changes);
    }
  });

  it("handles epoch-second timestamps without stepping through every empty evaluation", () => {
    const base = 1_700_000_010; // a multiple of 15
    const samples = [0, 60, 120, 180, 240, 300, 360].map((offset) => ({ t: base + offset, value: 0.9 }));
    const startedAt = performance.now();
    const { events } = replaySeries({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 });
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(events).toEqual([
      { t: base, rule: "SEV-2", state: "pending" },
      { t: base + 300, rule: "SEV-2", state: "firing" },
    ]);
  });

  it("uses each rule's own lookback", () => {
    const short = alertRuleSchema.parse({ name: "short", threshold: 0.5, forSeconds: 0, lookbackSeconds: 30 });
    const { events } = replaySeries({ samples: [{ t: 0, value: 0.9 }], rules: [short, defaultAlertRules[0]], evaluationIntervalSeconds: 15 });
    expect(events).toEqual([
      { t: 0, rule: "short", state: "firing" },
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 45, rule: "short", state: "inactive" },
      { t: 300, rule: "SEV-2", state: "firing" },
    ]);
  });
});

describe("backtestRules", () => {
  it("counts alerts, firing seconds and intervals per rule", () => {
    const samples: SeriesSample[] = [];
    for (let t = 0; t <= 3000; t += 15) {
      const value = t < 600 ? 0.9 : t < 900 ? 0.5 : t < 1800 ? 0.97 : 0.5;
      samples.push({ t, value });
    }
    // The last evaluation (3300 + 300) still sees this sample, so it fires there.
    samples.push({ t: 3300, value: 0.9 });
    const [sev2, sev1] = backtestRules({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 });
    expect(sev2).toEqual({
      rule: "SEV-2",
      alertsFired: 3,
      firingSeconds: (600 - 300) + (1800 - 1200),
      firingIntervals: [
        { start: 300, end: 600, ongoing: false },
        { start: 1200, end: 1800, ongoing: false },
        { start: 3600, end: 3600, ongoing: true },
      ],
    });
    expect(sev1.firingIntervals).toEqual([{ start: 1200, end: 1800, ongoing: false }]);
  });

  it("reports an alert still firing at the end as ongoing up to the last evaluation", () => {
    const samples = [0, 100, 200, 300, 400].map((t) => ({ t, value: 0.9 }));
    const [sev2, sev1] = backtestRules({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 });
    expect(sev2.firingIntervals).toEqual([{ start: 300, end: 690, ongoing: true }]);
    expect(sev2.firingSeconds).toBe(390);
    expect(sev1).toEqual({ rule: "SEV-1", alertsFired: 0, firingSeconds: 0, firingIntervals: [] });
  });

  it("lets an admin compare a proposed threshold", () => {
    const samples = Array.from({ length: 80 }, (_, i) => ({ t: i * 15, value: 0.8 + (i % 40 < 30 ? 0.02 : 0) }));
    const proposed = alertRuleSchema.parse({ name: "SEV-2", threshold: 0.81, forSeconds: 300 });
    expect(backtestRules({ samples, rules: defaultAlertRules, evaluationIntervalSeconds: 15 })[0].alertsFired).toBe(0);
    expect(backtestRules({ samples, rules: [proposed], evaluationIntervalSeconds: 15 })[0].alertsFired).toBe(2);
  });
});
