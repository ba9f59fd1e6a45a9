import { describe, expect, it } from "vitest";
import { alertRuleSchema, defaultAlertRules, type AlertRule, type AlertRuleInput } from "@/lib/alerts/alert-rule-schema";
import { alertStateSchema, createInactiveState, type AlertState } from "@/lib/alerts/alert-state";
import { evaluateRule } from "@/lib/alerts/evaluate-rule";
import { getEffectiveSeverity } from "@/lib/alerts/get-effective-severity";
import { selectValueAt } from "@/lib/alerts/select-value-at";
import { evaluateStepByStep } from "@/tests/support/evaluate-step-by-step";

const [sev2] = defaultAlertRules;
const rule = (input: AlertRuleInput): AlertRule => alertRuleSchema.parse(input);

/** Samples `[seconds, ratio]`; evaluates every 15 s from 0 to `until` seconds, as the worker would. */
function run({ rules, samples, until }: { rules: readonly AlertRule[]; samples: [number, number][]; until: number }) {
  return evaluateStepByStep({ rules, samples: samples.map(([t, value]) => ({ t, value })), intervalSeconds: 15, untilSeconds: until });
}

/** One sample every 15 s from `from` to `to` seconds (inclusive). */
function hold(from: number, to: number, value: number): [number, number][] {
  const out: [number, number][] = [];
  for (let t = from; t <= to; t += 15) out.push([t, value]);
  return out;
}

describe("evaluateRule with the default HighMemoryUsage rules", () => {
  it("stays inactive on a steady series below the threshold", () => {
    const { changes, states } = run({ rules: defaultAlertRules, samples: hold(0, 900, 0.85), until: 900 });
    expect(changes).toEqual([]);
    expect(states["SEV-2"]).toEqual({ status: "inactive", activeAt: null });
  });

  it("goes pending at the first value above and fires exactly at activeAt + 5m", () => {
    const samples = [...hold(0, 60, 0.5), ...hold(75, 900, 0.9)];
    const { changes, history } = run({ rules: [sev2], samples, until: 900 });
    expect(changes).toEqual([
      { t: 75, rule: "SEV-2", state: "pending" },
      { t: 375, rule: "SEV-2", state: "firing" },
    ]);
    expect(history.find((h) => h.t === 360)?.states["SEV-2"]).toEqual({ status: "pending", activeAt: 75_000 });
    expect(history.find((h) => h.t === 375)?.states["SEV-2"]).toEqual({ status: "firing", activeAt: 75_000, firedAt: 375_000 });
  });

  it("drops a pending alert at one dip and restarts the timer", () => {
    const samples = [...hold(0, 225, 0.9), [240, 0.8] as [number, number], ...hold(255, 900, 0.9)];
    const { changes } = run({ rules: [sev2], samples, until: 900 });
    expect(changes).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 240, rule: "SEV-2", state: "inactive" },
      { t: 255, rule: "SEV-2", state: "pending" },
      { t: 555, rule: "SEV-2", state: "firing" },
    ]);
  });

  it("resolves a firing alert at the first value not above the threshold (equal is not above)", () => {
    const samples = [...hold(0, 585, 0.9), ...hold(600, 900, 0.85)];
    const { changes } = run({ rules: [sev2], samples, until: 900 });
    expect(changes.at(-1)).toEqual({ t: 600, rule: "SEV-2", state: "inactive" });
  });

  it("runs SEV-1 and SEV-2 together and lets SEV-1 supersede SEV-2 while both fire", () => {
    const samples = [...hold(0, 15, 0.5), ...hold(30, 585, 0.97), ...hold(600, 1200, 0.9)];
    const { changes, history } = run({ rules: defaultAlertRules, samples, until: 1200 });
    expect(changes).toEqual([
      { t: 30, rule: "SEV-2", state: "pending" },
      { t: 30, rule: "SEV-1", state: "pending" },
      { t: 330, rule: "SEV-2", state: "firing" },
      { t: 330, rule: "SEV-1", state: "firing" },
      { t: 600, rule: "SEV-1", state: "inactive" },
    ]);
    const atBoth = history.find((h) => h.t === 450)!.states;
    expect(getEffectiveSeverity({ rules: defaultAlertRules, states: atBoth })).toMatchObject({ rule: "SEV-1", superseded: ["SEV-2"] });
    const afterDrop = history.find((h) => h.t === 615)!.states;
    expect(getEffectiveSeverity({ rules: defaultAlertRules, states: afterDrop })).toMatchObject({ rule: "SEV-2", superseded: [] });
    const pendingOnly = history.find((h) => h.t === 45)!.states;
    expect(getEffectiveSeverity({ rules: defaultAlertRules, states: pendingOnly })).toBeNull();
  });

  it("bridges a gap shorter than the lookback without a change", () => {
    const samples = [...hold(0, 120, 0.9), ...hold(400, 900, 0.9)];
    const { changes } = run({ rules: [sev2], samples, until: 900 });
    expect(changes).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 300, rule: "SEV-2", state: "firing" },
    ]);
  });

  it("counts a sample exactly 300 s old and drops the alert when the gap is longer", () => {
    const samples = [...hold(0, 120, 0.9), ...hold(450, 1200, 0.9)];
    const { changes, history } = run({ rules: [sev2], samples, until: 1200 });
    expect(history.find((h) => h.t === 420)!.states["SEV-2"].status).toBe("firing");
    expect(changes).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 300, rule: "SEV-2", state: "firing" },
      { t: 435, rule: "SEV-2", state: "inactive" },
      { t: 450, rule: "SEV-2", state: "pending" },
      { t: 750, rule: "SEV-2", state: "firing" },
    ]);
  });

  it("fires in the same evaluation when for is 0, like Prometheus", () => {
    const { changes } = run({ rules: [rule({ name: "now", threshold: 0.5, forSeconds: 0 })], samples: hold(30, 60, 0.6), until: 60 });
    expect(changes).toEqual([{ t: 30, rule: "now", state: "firing" }]);
  });
});

describe("evaluateRule extras against flapping", () => {
  const dipThenDrop = [...hold(0, 435, 0.9), [450, 0.5] as [number, number], ...hold(465, 585, 0.9), ...hold(600, 900, 0.5)];

  it("without keepFiringFor a single dip resolves a firing alert", () => {
    const { changes } = run({ rules: [sev2], samples: dipThenDrop, until: 900 });
    expect(changes.slice(2, 4)).toEqual([
      { t: 450, rule: "SEV-2", state: "inactive" },
      { t: 465, rule: "SEV-2", state: "pending" },
    ]);
  });

  it("keepFiringFor holds through a dip and resolves keepFiringFor after the condition stops", () => {
    const keep = rule({ name: "SEV-2", threshold: 0.85, forSeconds: 300, keepFiringForSeconds: 60 });
    const { changes, history } = run({ rules: [keep], samples: dipThenDrop, until: 900 });
    expect(changes).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 300, rule: "SEV-2", state: "firing" },
      { t: 660, rule: "SEV-2", state: "inactive" },
    ]);
    expect(history.find((h) => h.t === 450)!.states["SEV-2"]).toMatchObject({ status: "firing", keepFiringSince: 450_000 });
    expect(history.find((h) => h.t === 465)!.states["SEV-2"].keepFiringSince).toBeUndefined();
  });

  it("recoveryThreshold keeps a firing alert until the value falls to it, but not a pending one", () => {
    const hysteresis = rule({ name: "SEV-2", threshold: 0.85, forSeconds: 300, recoveryThreshold: 0.8 });
    const samples = [...hold(0, 585, 0.9), ...hold(600, 705, 0.83), ...hold(720, 900, 0.8)];
    expect(run({ rules: [hysteresis], samples, until: 900 }).changes).toEqual([
      { t: 0, rule: "SEV-2", state: "pending" },
      { t: 300, rule: "SEV-2", state: "firing" },
      { t: 720, rule: "SEV-2", state: "inactive" },
    ]);
    const pendingDip = [...hold(0, 135, 0.9), ...hold(150, 300, 0.83)];
    expect(run({ rules: [hysteresis], samples: pendingDip, until: 300 }).changes.at(-1)).toEqual({ t: 150, rule: "SEV-2", state: "inactive" });
  });
});

describe("evaluateRule when the target stops answering", () => {
  const firing: AlertState = { status: "firing", activeAt: 0, firedAt: 300_000 };

  it("keeps a firing alert firing with noData instead of resolving", () => {
    const first = evaluateRule({ rule: sev2, state: firing, now: 600_000, value: null, scrapeFailed: true });
    expect(first).toEqual({ state: { ...firing, noDataSince: 600_000 }, noData: true });
    const second = evaluateRule({ rule: sev2, state: first.state, now: 615_000, value: null, scrapeFailed: true });
    expect(second.state.noDataSince).toBe(600_000);
    expect(second.transition).toBeUndefined();
    const back = evaluateRule({ rule: sev2, state: second.state, now: 630_000, value: 0.9 });
    expect(back).toEqual({ state: firing });
  });

  it("resolves like Prometheus when no scrape failure is reported", () => {
    const result = evaluateRule({ rule: sev2, state: firing, now: 600_000, value: null });
    expect(result.state).toEqual({ status: "inactive", activeAt: null, resolvedAt: 600_000 });
    expect(result.transition).toEqual({ from: "firing", to: "inactive", at: 600_000 });
  });

  it("does not hold a pending alert on a failed scrape", () => {
    const pending: AlertState = { status: "pending", activeAt: 0 };
    expect(evaluateRule({ rule: sev2, state: pending, now: 60_000, value: null, scrapeFailed: true }).state.status).toBe("inactive");
  });
});

describe("alert state persistence", () => {
  it("round-trips through JSON and resumes pending progress after a restart", () => {
    const { state } = evaluateRule({ rule: sev2, state: createInactiveState(), now: 1_000_000, value: 0.9 });
    const restored = alertStateSchema.parse(JSON.parse(JSON.stringify(state)));
    expect(restored).toEqual({ status: "pending", activeAt: 1_000_000 });
    expect(evaluateRule({ rule: sev2, state: restored, now: 1_285_000, value: 0.9 }).state.status).toBe("pending");
    expect(evaluateRule({ rule: sev2, state: restored, now: 1_300_000, value: 0.9 }).transition).toEqual({ from: "pending", to: "firing", at: 1_300_000 });
  });

  it("rejects an inconsistent persisted state", () => {
    expect(alertStateSchema.safeParse({ status: "pending", activeAt: null }).success).toBe(false);
  });
});

describe("selectValueAt", () => {
  const samples = [{ t: 0, value: 0.1 }, { t: 60_000, value: 0.2 }, { t: 120_000, value: 0.3 }];

  it("takes the newest sample at or before now and ignores later ones", () => {
    expect(selectValueAt({ samples, now: 119_999, lookbackMs: 300_000 })).toBe(0.2);
    expect(selectValueAt({ samples, now: 120_000, lookbackMs: 300_000 })).toBe(0.3);
    expect(selectValueAt({ samples, now: -1, lookbackMs: 300_000 })).toBeNull();
  });

  it("includes a sample exactly lookback old and excludes one a millisecond older", () => {
    expect(selectValueAt({ samples, now: 420_000, lookbackMs: 300_000 })).toBe(0.3);
    expect(selectValueAt({ samples, now: 420_001, lookbackMs: 300_000 })).toBeNull();
  });
});

describe("alertRuleSchema", () => {
  it("applies the 5 minute lookback default", () => {
    expect(rule({ name: "x", threshold: 0.9, forSeconds: 60 }).lookbackSeconds).toBe(300);
  });

  it("names the field in its errors", () => {
    const high = alertRuleSchema.safeParse({ name: "x", threshold: 1.2, forSeconds: 60 });
    expect(high.error?.issues[0]).toMatchObject({ path: ["threshold"], message: "threshold must be below 1" });
    const recovery = alertRuleSchema.safeParse({ name: "x", threshold: 0.85, forSeconds: 60, recoveryThreshold: 0.9 });
    expect(recovery.error?.issues[0].path).toEqual(["recoveryThreshold"]);
    expect(recovery.error?.issues[0].message).toMatch(/below threshold/);
    expect(alertRuleSchema.safeParse({ name: "x", threshold: 0.85, forSeconds: 60, recoveryThreshold: 0.85 }).success).toBe(false);
  });
});
