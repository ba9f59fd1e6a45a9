import { describe, expect, it } from "vitest";
import { describeActions, describeComponent, describeMitigation } from "@/lib/diagnosis/describe-diagnosis";
import type { MitigationFinding } from "@/lib/diagnosis/judge-mitigations";
import { describeForecastFit, describeTimeToLimit } from "@/lib/forecast/describe-forecast";

const at = Date.UTC(2026, 11, 1, 8, 40);
// Times are the viewer's: 08:40 UTC reads 09:40 in Berlin in December.
const zone = "Europe/Berlin";
const finding = (overrides: Partial<MitigationFinding>): MitigationFinding => ({
  actions: [{ id: 5, label: "Rolling restart", restart: true }],
  at,
  dropMb: 1593.4,
  all: [],
  patternBefore: "gradual",
  since: { minutes: 40, slopeMbPer5m: 7.2, lowMbPer5m: 5.1, highMbPer5m: 9.4 },
  status: "growing",
  flatAfterMinutes: 54,
  ...overrides,
});

describe("the diagnosis in words", () => {
  it("says which action mitigated the leak, when, and what it has done since", () => {
    expect(describeMitigation({ mitigation: finding({}) }, zone)).toBe(
      `Leak mitigated at 09:40:00 by #5 Rolling restart (−1,593 MB); growing again at +7.2 MB/5 min (+5.1 MB/5 min to +9.4 MB/5 min) in the 40 min since: the leak is still there.`,
    );
    expect(describeMitigation({ mitigation: finding({ status: "too_soon", since: { minutes: 12, slopeMbPer5m: null, lowMbPer5m: null, highMbPer5m: null } }) }, zone)).toMatch(
      /no clear growth in the 12 min since, too soon to say the leak is gone \(the earlier growth would show within 54 min\)\.$/,
    );
    expect(describeMitigation({ mitigation: finding({ status: "flat", since: { minutes: 100, slopeMbPer5m: 0.2, lowMbPer5m: -1, highMbPer5m: 1.4 } }) }, zone)).toMatch(/no growth in the 1.7 h since: the leak is gone\.$/);
    expect(describeMitigation({ mitigation: null }, zone)).toBeNull();
  });

  it("lists actions measured together", () => {
    expect(describeActions([{ id: 2, label: "A" }, { id: 3, label: "B" }, { id: 4, label: "C" }])).toBe("#2, #3 and #4 (A, B, C)");
  });

  it("gives the component that moved most as information when the total is flat", () => {
    const text = describeComponent(
      { pattern: "flat", component: null, mostMoved: { key: "agent_system", changeMb: 247, noiseMb: 90, minChangeMb: 270 } },
      (key) => (key === "agent_system" ? "Agent system" : key),
    );
    expect(text).toBe("Memory is flat, so no component is the answer. For information, Agent system moved most: +247 MB (it would need +270 MB to stand out).");
    expect(describeComponent({ pattern: "gradual", component: { key: "agent_system", growthMb: 580, share: 0.91, noiseMb: 31 }, mostMoved: null }, () => "Agent system")).toBe(
      "Growing component: Agent system (+580 MB, 91% of the growth; its own noise ±31 MB)",
    );
  });
});

describe("the forecast in words", () => {
  const window = { fromT: at - 3 * 3_600_000, toT: at, bucketMinutes: 5, bucketCount: 36, confidence: 0.9, sinceT: null };
  it("gives the time to limit with its range and the window it was fitted on", () => {
    const forecast = { timeToLimitMinutes: 726, timeToLimitRange: { soonestMinutes: 590, latestMinutes: 950 }, notProjected: null, window, growthMbPer5m: { diffMean: 3, theilSen: 15.3, low: 11.2, high: 19.8 } };
    expect(describeTimeToLimit(forecast)).toBe("12.1 h (9.8 h–15.8 h)");
    expect(describeForecastFit(forecast, zone)).toBe("growth +11.2 MB to +19.8 MB /5 min (90 % interval); fitted on 36 five-minute medians, 06:40–09:40");
  });

  it("says why it is not projected", () => {
    const forecast = { timeToLimitMinutes: null, timeToLimitRange: null, notProjected: "not_growing" as const, window, growthMbPer5m: { diffMean: 3, theilSen: 2, low: -1.5, high: 5 } };
    expect(describeTimeToLimit(forecast)).toBe("not projected");
    expect(describeForecastFit(forecast, zone)).toMatch(/^not projected: growth −1.5 MB to \+5.0 MB \/5 min \(90 % interval\) includes zero; fitted on 36/);
  });
});
