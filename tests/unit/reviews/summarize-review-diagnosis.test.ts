import { describe, expect, it } from "vitest";
import { evidenceOf, suggestRootCause, summarizeReviewDiagnosis } from "@/lib/reviews/summarize-review-diagnosis";
import { HOUR, simulatedWindow } from "@/tests/support/simulator-series";

const limitMb = 4096;
// Mid-afternoon UTC, near the simulator's busiest hour: the leak runs at a clear pace.
const T0 = Date.UTC(2025, 0, 15, 14);

describe("a review's diagnosis at a moment (the opening, the peak)", () => {
  it("diagnoses the simulator's leak at its peak: gradual, in the agent system, with the figures and each component's change", () => {
    const sim = simulatedWindow({ scenario: "leak", seed: 7, endMs: T0, durationMs: 3 * HOUR });
    const peak = sim.total.reduce((top, p) => (p.valueMb > top.valueMb ? p : top));
    const d = summarizeReviewDiagnosis({ at: peak.t, total: sim.total, components: sim.components, limitMb });
    expect(d.pattern).toBe("gradual");
    expect(d.component?.key).toBe("agent_system");
    expect(d.totalMb).toBe(peak.valueMb);
    expect(d.percent).toBeCloseTo((peak.valueMb / limitMb) * 100, 5);
    expect(d.slopeMbPer5m).toBeGreaterThan(0);
    expect(d.text).toMatch(/^gradual growth \(leak pattern\) in agent system, \+[\d,]+ MB \(\d+% of the growth\)$/);
    const agents = d.components.find((c) => c.key === "agent_system")!;
    expect(agents.changeMb).toBeCloseTo(agents.toMb - agents.fromMb, 5);
    expect(agents.changeMb).toBeGreaterThan(0);
    expect(suggestRootCause([d])).toBe("agent_memory_leak");
    const lines = evidenceOf({ atOpen: d, atPeak: d, limitMb });
    expect(lines[1]).toMatch(/^At peak: [\d,]+ MB \(\d+\.\d% of the limit\); gradual growth/);
    expect(lines[2]).toContain("agent system");
  }, 60_000);

  it("ignores samples after the moment, and says so when there are too few to judge", () => {
    const sim = simulatedWindow({ scenario: "steady", seed: 3, endMs: T0, durationMs: 3 * HOUR });
    const early = sim.total[3].t;
    const d = summarizeReviewDiagnosis({ at: early, total: sim.total, components: sim.components, limitMb });
    expect(d.pattern).toBe("insufficient_data");
    expect(d.totalMb).toBe(sim.total[3].valueMb);
    expect(d.text).toBe("not enough data");
    expect(suggestRootCause([d, null])).toBeNull();
  }, 60_000);
});
