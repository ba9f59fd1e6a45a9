import { describe, expect, it } from "vitest";
import { previewRuleFiring, type CurrentAlertView } from "@/lib/alerts/preview-rule-firing";

const now = 1_800_000_000_000;
const view = (ratio: number | null, states: CurrentAlertView["states"] = {}): CurrentAlertView => ({ ratio, sampledAt: ratio === null ? null : now - 5_000, states });
const kinds = (rules: { name: string; threshold: number; forSeconds: number }[], current: CurrentAlertView) =>
  previewRuleFiring({ rules, current, now }).map((w) => [w.rule, w.kind]);

describe("previewRuleFiring", () => {
  it("warns of a rule that fires at once or goes pending, and of nothing below the current memory", () => {
    const rules = [
      { name: "SEV-2", threshold: 0.5, forSeconds: 300 },
      { name: "SEV-1", threshold: 0.2, forSeconds: 0 },
    ];
    expect(kinds(rules, view(0.91))).toEqual([["SEV-2", "pending_now"], ["SEV-1", "fires_now"]]);
    expect(kinds(rules, view(0.1))).toEqual([]);
    expect(kinds(rules, view(null))).toEqual([]);
  });

  it("knows a pending episode: long enough fires now, shorter changes nothing; a firing rule changes nothing", () => {
    const rules = [{ name: "SEV-2", threshold: 0.5, forSeconds: 60 }];
    expect(kinds(rules, view(0.91, { "SEV-2": { status: "pending", activeAt: now - 120_000 } }))).toEqual([["SEV-2", "fires_now"]]);
    expect(kinds(rules, view(0.91, { "SEV-2": { status: "pending", activeAt: now - 10_000 } }))).toEqual([]);
    expect(kinds(rules, view(0.91, { "SEV-2": { status: "firing", activeAt: now - 600_000 } }))).toEqual([]);
  });

  it("ignores half-typed values", () => {
    expect(kinds([{ name: "SEV-2", threshold: Number.NaN, forSeconds: 0 }], view(0.9))).toEqual([]);
  });
});
