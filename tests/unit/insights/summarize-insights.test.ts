import { describe, expect, it } from "vitest";
import { FOLLOW_UP_MS, summarizeInsights, type HistoryAction } from "@/lib/insights/summarize-insights";

const T0 = Date.UTC(2026, 11, 1, 10);
const MIN = 60_000;
const LATER = T0 + 24 * 60 * MIN;

let nextId = 1;
function run(overrides: Partial<HistoryAction> & { startedMin: number; freedMb?: number | null }): HistoryAction {
  const { startedMin, freedMb = 100, ...rest } = overrides;
  const id = overrides.id ?? nextId++;
  return {
    id,
    targetId: 1,
    actionId: "cache-cleanup",
    label: "Clear expired cache entries",
    pattern: "gradual",
    component: "cache",
    state: "succeeded",
    restart: false,
    startedAt: T0 + startedMin * MIN,
    finishedAt: T0 + startedMin * MIN + 2_000,
    incidentId: null,
    beforeMb: freedMb === null ? null : 2_000,
    after1mMb: freedMb === null ? null : 2_000 - freedMb,
    confounded: false,
    groupId: id,
    peakAfterMb: 1_900,
    thresholdMb: 1_700,
    ...rest,
  };
}

describe("summarizeInsights", () => {
  it("has nothing to say without history", () => {
    expect(summarizeInsights({ actions: [], now: LATER })).toEqual([]);
  });

  it("takes the median and range of what uses measured alone freed, per diagnosis and mitigation", () => {
    const actions = [run({ startedMin: 0, freedMb: 200 }), run({ startedMin: 60, freedMb: 420 }), run({ startedMin: 120, freedMb: 310 }), run({ startedMin: 180, freedMb: 300 })];
    const [leak] = summarizeInsights({ actions, now: LATER });
    expect(leak.key).toBe("gradual:cache");
    expect(leak.mitigations).toHaveLength(1);
    const m = leak.mitigations[0];
    expect(m.uses).toBe(4);
    expect(m.alone).toEqual({ count: 4, medianMb: 305, minMb: 200, maxMb: 420 });
    expect(m.together).toEqual({ uses: 0, groups: null });
    expect(m.unmeasured).toBe(0);
  });

  it("keeps actions measured together apart, and counts a group's combined figure once", () => {
    const actions = [
      run({ startedMin: 0, freedMb: 100 }),
      // Group 10: two cache cleanups and a GC measured together. The after-figure is the group's on
      // every member; the before is each member's own, and the group's is its first's.
      run({ id: 10, startedMin: 60, freedMb: 968, confounded: true, groupId: 10 }),
      run({ id: 11, startedMin: 60, freedMb: 700, confounded: true, groupId: 10 }),
      run({ id: 12, startedMin: 60, freedMb: 650, confounded: true, groupId: 10, actionId: "force-gc", label: "Force garbage collection" }),
      run({ id: 20, startedMin: 120, freedMb: 500, confounded: true, groupId: 20 }),
      // Its first action is older than the history read: no combined figure.
      run({ id: 31, startedMin: 200, freedMb: 300, confounded: true, groupId: 30 }),
    ];
    const [leak] = summarizeInsights({ actions, now: LATER });
    const cache = leak.mitigations.find((m) => m.actionId === "cache-cleanup")!;
    expect(cache.uses).toBe(5);
    expect(cache.alone).toEqual({ count: 1, medianMb: 100, minMb: 100, maxMb: 100 });
    expect(cache.together.uses).toBe(4);
    expect(cache.together.groups).toEqual({ count: 2, medianMb: 734, minMb: 500, maxMb: 968 });
    expect(cache.unmeasured).toBe(1);
    const gc = leak.mitigations.find((m) => m.actionId === "force-gc")!;
    expect(gc.alone).toBeNull();
    expect(gc.together).toEqual({ uses: 1, groups: { count: 1, medianMb: 968, minMb: 968, maxMb: 968 } });
    expect(leak.mitigations[0].actionId).toBe("cache-cleanup");
  });

  it("groups by the diagnosis recorded at the time, unrecorded ones last", () => {
    const actions = [
      run({ startedMin: 0, pattern: null, component: null }),
      run({ startedMin: 10, pattern: "spike", component: null }),
      run({ startedMin: 20, pattern: "spike", component: null }),
      run({ startedMin: 30, pattern: "gradual", component: "agent_system" }),
    ];
    const keys = summarizeInsights({ actions, now: LATER }).map((d) => [d.key, d.uses]);
    expect(keys).toEqual([["spike:none", 2], ["gradual:agent_system", 1], ["unrecorded:none", 1]]);
  });

  it("counts failed runs apart from uses, ignores requests that never ran, and says what had no figure", () => {
    const actions = [
      run({ startedMin: 0, freedMb: null }),
      run({ startedMin: 10, state: "failed" }),
      run({ startedMin: 20, state: "rejected" }),
      run({ startedMin: 30, state: "withdrawn" }),
    ];
    const [leak] = summarizeInsights({ actions, now: LATER });
    expect(leak.mitigations[0]).toMatchObject({ uses: 1, failed: 1, alone: null, unmeasured: 1 });
  });

  it("counts memory back above the threshold only once the 30 minutes have passed, unless it already was", () => {
    const actions = [
      run({ startedMin: 0, peakAfterMb: 1_800 }), // above 1,700
      run({ startedMin: 60, peakAfterMb: 1_600 }),
      run({ startedMin: 120, peakAfterMb: null }), // no samples: not known
      run({ startedMin: 180, peakAfterMb: 1_650 }), // too recent (see now)
      run({ startedMin: 185, peakAfterMb: 1_750 }), // too recent but already above
    ];
    const now = T0 + 190 * MIN;
    const m = summarizeInsights({ actions, now })[0].mitigations[0];
    expect(m.backAboveThreshold).toEqual({ yes: 2, known: 3 });
  });

  it("counts a restart on the same target within 30 minutes after, not one later or elsewhere", () => {
    const restart = (startedMin: number, targetId = 1) => run({ startedMin, actionId: "rolling-restart", label: "Rolling restart", restart: true, targetId });
    const actions = [
      run({ startedMin: 0 }),
      restart(20),
      run({ startedMin: 100 }),
      restart(100 + 31),
      run({ startedMin: 200 }),
      restart(210, 2),
    ];
    const cache = summarizeInsights({ actions, now: LATER })[0].mitigations.find((m) => m.actionId === "cache-cleanup")!;
    expect(cache.restartFollowed).toEqual({ yes: 1, known: 3 });
    // A restart is not its own follow-up; the next one on its target came 111 minutes later.
    const rolling = summarizeInsights({ actions, now: LATER })[0].mitigations.find((m) => m.actionId === "rolling-restart")!;
    expect(rolling.restartFollowed).toEqual({ yes: 0, known: 3 });
  });

  it("leaves the restart share unknown while the 30 minutes run", () => {
    const actions = [run({ startedMin: 0 })];
    const m = summarizeInsights({ actions, now: T0 + FOLLOW_UP_MS / 2 })[0].mitigations[0];
    expect(m.restartFollowed).toEqual({ yes: 0, known: 0 });
  });

  it("counts distinct incidents", () => {
    const actions = [run({ startedMin: 0, incidentId: 7 }), run({ startedMin: 10, incidentId: 7 }), run({ startedMin: 20, incidentId: 8 }), run({ startedMin: 30 })];
    expect(summarizeInsights({ actions, now: LATER })[0].mitigations[0].incidents).toBe(2);
  });
});
