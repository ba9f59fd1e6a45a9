import { describe, expect, it } from "vitest";
import { describeDiagnosisKey, describeFreed, describeServiceHistory, describeShare, describeTogether } from "@/lib/insights/describe-insight";
import type { MitigationInsight } from "@/lib/insights/summarize-insights";

const insight = (overrides: Partial<MitigationInsight> = {}): MitigationInsight => ({
  actionId: "cache-cleanup",
  label: "Clear expired cache entries",
  uses: 6,
  failed: 0,
  incidents: 6,
  alone: { count: 6, medianMb: 310, minMb: 200, maxMb: 420 },
  together: { uses: 0, groups: null },
  unmeasured: 0,
  backAboveThreshold: { yes: 1, known: 6 },
  restartFollowed: { yes: 0, known: 6 },
  ...overrides,
});

describe("insight wording", () => {
  it("says one figure as one use, never as a median of one", () => {
    expect(describeFreed({ count: 1, medianMb: 612, minMb: 612, maxMb: 612 })).toBe("612 MB (1 use)");
    expect(describeFreed({ count: 6, medianMb: 310, minMb: 200, maxMb: 420 })).toBe("median 310 MB, 200 MB to 420 MB (6 uses)");
    expect(describeFreed({ count: 2, medianMb: 50, minMb: 50, maxMb: 50 })).toBe("median 50 MB, all 50 MB (2 uses)");
    expect(describeFreed({ count: 2, medianMb: -15, minMb: -20, maxMb: -10 })).toBe("median −15 MB, −20 MB to −10 MB (2 uses)");
    expect(describeFreed(null)).toBeNull();
  });

  it("gives shares out of the uses that can be judged", () => {
    expect(describeShare({ yes: 2, known: 5 }, 5)).toBe("2 of 5");
    expect(describeShare({ yes: 0, known: 3 }, 4)).toBe("none of 3 (1 too recent or without samples)");
    expect(describeShare({ yes: 0, known: 0 }, 1)).toBe("not known yet");
  });

  it("says measured-together uses apart, with the groups' figure", () => {
    expect(describeTogether(insight())).toBe("none");
    expect(describeTogether(insight({ together: { uses: 3, groups: { count: 1, medianMb: 968, minMb: 968, maxMb: 968 } } }))).toBe("3 uses; together freed 968 MB (1 group)");
    expect(describeTogether(insight({ together: { uses: 1, groups: null } }))).toBe("1 use, no combined figure");
  });

  it("names diagnoses, and those never recorded", () => {
    expect(describeDiagnosisKey("gradual", "cache")).toBe("Gradual increase (likely memory leak) · Cache");
    expect(describeDiagnosisKey("spike", null)).toBe("Sudden spike · no component stood out");
    expect(describeDiagnosisKey(null, null)).toMatch(/not recorded/);
  });

  it("writes the target page's line, and nothing without history", () => {
    expect(describeServiceHistory(insight(), "gradual", "cache")).toBe(
      "6 past uses on this service during a leak in the cache: freed a median 310 MB (200 MB to 420 MB); " +
        "back above the SEV-2 threshold within 30 min after 1 of 6; a restart followed within 30 min after 0 of 6.",
    );
    const mixed = insight({ uses: 2, alone: { count: 1, medianMb: 612, minMb: 612, maxMb: 612 }, together: { uses: 1, groups: null }, backAboveThreshold: { yes: 0, known: 0 }, restartFollowed: { yes: 0, known: 0 } });
    expect(describeServiceHistory(mixed, "spike", null)).toBe(
      "2 past uses on this service during a spike: 1 measured alone freed 612 MB; 1 measured together with other actions, no combined figure.",
    );
    const together = insight({ uses: 1, alone: null, together: { uses: 1, groups: { count: 1, medianMb: 924, minMb: 924, maxMb: 924 } }, backAboveThreshold: { yes: 0, known: 0 }, restartFollowed: { yes: 0, known: 0 } });
    expect(describeServiceHistory(together, "gradual", "agent_system")).toBe("1 past use on this service during a leak in the agent system: measured together with other actions, together freed 924 MB.");
    const unmeasured = insight({ uses: 1, alone: null, unmeasured: 1, backAboveThreshold: { yes: 1, known: 1 }, restartFollowed: { yes: 0, known: 1 } });
    expect(describeServiceHistory(unmeasured, "flat", null)).toBe(
      "1 past use on this service during flat memory: no measured figure; back above the SEV-2 threshold within 30 min after 1 of 1; a restart followed within 30 min after 0 of 1.",
    );
    expect(describeServiceHistory(insight({ uses: 0, alone: null }), "gradual", null)).toBeNull();
  });
});
