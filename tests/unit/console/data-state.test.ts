import { describe, expect, it } from "vitest";
import { describeDataState, targetStateOf } from "@/lib/console/describe-data-state";
import { levelOf, thresholdsOf } from "@/lib/alerts/alert-thresholds";
import { defaultAlertRules, alertRuleSchema } from "@/lib/alerts/alert-rule-schema";

const now = Date.UTC(2026, 11, 1, 12);
const base = { lastScrapeAt: new Date(now - 10_000).toISOString(), lastScrapeOk: true, lastScrapeError: null, window: "the last hour", staleAfterMs: 300_000, now };

describe("describeDataState", () => {
  it("is ok with a recent sample and a good scrape", () => {
    expect(describeDataState({ ...base, lastSampleAt: now - 15_000 })).toEqual({ status: "ok", message: null, lastSampleAt: new Date(now - 15_000).toISOString() });
  });

  it("says the target is down, with its error, before anything else", () => {
    const state = describeDataState({ ...base, lastScrapeOk: false, lastScrapeError: "connect ECONNREFUSED 127.0.0.1:8000", lastSampleAt: null });
    expect(state.status).toBe("target_down");
    expect(state.message).toBe("The target stopped answering: connect ECONNREFUSED 127.0.0.1:8000. No memory samples are stored for the last hour.");
  });

  it("tells a never-scraped target from an empty window", () => {
    expect(describeDataState({ ...base, lastScrapeAt: null, lastSampleAt: null }).message).toBe("This target has not been scraped yet.");
    expect(describeDataState({ ...base, lastSampleAt: null })).toMatchObject({ status: "no_data", message: "No memory samples in the last hour: the collector has not stored any." });
  });

  it("is stale once the newest sample is older than the alert's lookback", () => {
    expect(describeDataState({ ...base, lastSampleAt: now - 300_000 }).status).toBe("ok");
    expect(describeDataState({ ...base, lastSampleAt: now - 720_000 })).toMatchObject({ status: "stale", message: expect.stringMatching(/^The newest sample is 12 min old/) });
  });
});

describe("targetStateOf", () => {
  it("shows the evaluated alert, else what the data says", () => {
    expect(targetStateOf({ alert: { state: "SEV-2" }, lastSampleAt: null, staleAfterMs: 300_000, now })).toBe("SEV-2");
    expect(targetStateOf({ alert: null, lastSampleAt: now - 10_000, staleAfterMs: 300_000, now })).toBe("ok");
    expect(targetStateOf({ alert: null, lastSampleAt: now - 400_000, staleAfterMs: 300_000, now })).toBe("no_data");
    expect(targetStateOf({ alert: null, lastSampleAt: null, staleAfterMs: 300_000, now })).toBe("no_data");
  });
});

describe("thresholds", () => {
  it("takes the SEV-2 and SEV-1 lines from the rules, whatever their order", () => {
    const rules = [alertRuleSchema.parse({ name: "SEV-1", threshold: 0.9, forSeconds: 60 }), alertRuleSchema.parse({ name: "SEV-2", threshold: 0.7, forSeconds: 600 })];
    expect(thresholdsOf(rules)).toEqual({ "SEV-2": { ratio: 0.7, forSeconds: 600, lookbackSeconds: 300 }, "SEV-1": { ratio: 0.9, forSeconds: 60, lookbackSeconds: 300 } });
  });

  it("tones by the line the usage is above", () => {
    const lines = thresholdsOf(defaultAlertRules);
    expect([0.5, 0.85, 0.86, 0.95, 0.96, null].map((r) => levelOf(r, lines))).toEqual([null, null, "SEV-2", "SEV-2", "SEV-1", null]);
  });
});
