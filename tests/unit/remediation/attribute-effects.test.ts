import { describe, expect, it } from "vitest";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { ActionEffect } from "@/lib/remediation/action-view";
import { attributeEffects, type EffectActionInput } from "@/lib/remediation/effects/attribute-effects";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { planAttributedEffect } from "@/lib/remediation/effects/plan-effect";
import { MINUTE, simulateWithActions, type SimulatedAction } from "@/tests/support/simulator-series";

const T0 = Date.UTC(2025, 0, 15, 14);
const limitMb = 4096;
const timeout = 60_000;

/** The runbook's conservative actions run on the simulator's leaking service, as recorded. */
function run(actions: SimulatedAction[], minutes = 12) {
  const sim = simulateWithActions({ scenario: "leak", seed: 21, startMs: T0, minutes, actions });
  const inputs: EffectActionInput[] = sim.interventions.map((i) => ({ id: i.id, restart: i.restart, startedAt: i.startedAt, finishedAt: i.finishedAt, reportedFreedMb: sim.freedMb.get(i.id) ?? null }));
  return { ...sim, inputs };
}

/** The effect as the page would show it once measured at `now`: before from the sample just before each action. */
function viewOf(id: number, sim: ReturnType<typeof run>, now: number): ActionEffect {
  const plan = planAttributedEffect({ id, limitMb, actions: sim.inputs, samples: sim.total, now: new Date(now) });
  const startedAt = sim.inputs.find((a) => a.id === id)!.startedAt;
  const before = [...sim.total].reverse().find((s) => s.t <= startedAt) ?? null;
  return {
    status: plan.effectStatus as ActionEffect["status"],
    beforeMb: before?.valueMb ?? null,
    beforeAt: before ? new Date(before.t).toISOString() : null,
    after1mMb: (plan.memoryAfter1mMb as number | null) ?? null,
    after5mMb: (plan.memoryAfter5mMb as number | null) ?? null,
    growthBeforeMbPer5m: 30,
    growthAfterMbPer5m: (plan.growthAfterMbPer5m as number | null) ?? null,
    attribution: {
      groupId: plan.effectGroupId as number,
      measuredWith: plan.effectMeasuredWith as number[],
      confounded: plan.effectConfounded as boolean,
      cutById: (plan.effectCutById as number | null) ?? null,
      reportedFreedMb: sim.freedMb.get(id) ?? null,
      changeMb: (plan.attributedChangeMb as number | null) ?? null,
      changeUntil: plan.attributedUntil ? (plan.attributedUntil as Date).toISOString() : null,
      nextId: (plan.attributedNextId as number | null) ?? null,
    },
  };
}

describe("effects of actions run close together (the simulator's leaking service)", () => {
  // Cache cleanup, GC, pool resize and orphan cleanup 2 s apart, then a restart 3 minutes later.
  const burst: SimulatedAction[] = [
    { id: 1, atMinute: 0, kind: "cache-cleanup" },
    { id: 2, atMinute: 2 / 60, kind: "gc" },
    { id: 3, atMinute: 4 / 60, kind: "pool-resize" },
    { id: 4, atMinute: 6 / 60, kind: "agent-cleanup" },
    { id: 5, atMinute: 3, kind: "restart" },
  ];

  it("groups the overlapping windows, and a restart ends them", () => {
    const sim = run(burst);
    const { actions, groups } = attributeEffects({ actions: sim.inputs, samples: sim.total });
    expect(groups.map((g) => g.memberIds)).toEqual([[1, 2, 3, 4], [5]]);
    expect(groups[0]).toMatchObject({ id: 1, cutById: 5, cutAt: sim.interventions[4].startedAt });
    const byId = new Map(actions.map((a) => [a.id, a]));
    expect(byId.get(2)).toMatchObject({ groupId: 1, measuredWith: [1, 3, 4], confounded: true, cutById: 5, nextId: 3 });
    expect(byId.get(5)).toMatchObject({ groupId: 5, measuredWith: [], confounded: false, cutById: null });
    // 2 s apart, no sample lies between one action and the next: nothing is attributed to each alone.
    for (const id of [1, 2, 3]) expect(byId.get(id)!.changeMb).toBeNull();
    // Each keeps the target's own figure for its call.
    expect(byId.get(2)!.reportedFreedMb).toBe(sim.freedMb.get(2));
  }, timeout);

  it("gives the combined figure once, on the group's first action, and to GC only what is its own", () => {
    const sim = run(burst);
    const now = T0 + 12 * MINUTE;
    const lead = describeEffect(viewOf(1, sim, now))!;
    expect(lead).toMatch(/^measured together with #2, #3 and #4: together freed [\d,]+ MB; /);
    expect(lead).toMatch(/; no 5-min figure: the restart #5 started before; the target reported \d+ MB freed by this call; no sample between it and #2$/);
    const gc = describeEffect(viewOf(2, sim, now))!;
    expect(gc).toBe(`measured together with #1, #3 and #4 (combined figures on #1); the target reported ${Math.round(sim.freedMb.get(2)!)} MB freed by this call; no sample between it and #3`);
    expect(gc).not.toMatch(/together freed/);
    // The group's 5-minute point fell after the restart started: not measured, not borrowed from it.
    const plan = planAttributedEffect({ id: 1, limitMb, actions: sim.inputs, samples: sim.total, now: new Date(now) });
    expect(plan.memoryAfter1mMb).not.toBeNull();
    expect(plan.memoryAfter5mMb).toBeNull();
    expect(plan.effectStatus).toBe("complete");
  }, timeout);

  it("attributes to each action the samples strictly between it and the next when there are some", () => {
    const sim = run([
      { id: 7, atMinute: 0, kind: "cache-cleanup" },
      { id: 8, atMinute: 2, kind: "agent-cleanup" },
    ]);
    const { actions } = attributeEffects({ actions: sim.inputs, samples: sim.total });
    const first = actions.find((a) => a.id === 7)!;
    expect(first).toMatchObject({ confounded: true, nextId: 8 });
    const before = [...sim.total].reverse().find((s) => s.t <= sim.interventions[0].startedAt)!;
    const lastBetween = [...sim.total].reverse().find((s: MemoryPoint) => s.t < sim.interventions[1].startedAt)!;
    expect(first.changeMb).toBeCloseTo(lastBetween.valueMb - before.valueMb, 9);
    expect(first.changeUntil).toBe(lastBetween.t);
    // The cache cleanup freed what the target said, give or take what the service did meanwhile.
    expect(Math.abs(-first.changeMb! - sim.freedMb.get(7)!)).toBeLessThan(250);
    expect(actions.find((a) => a.id === 8)!.changeMb).not.toBeNull();
  }, timeout);

  it("measures an action alone when nothing overlaps it, and waits while a group member still runs", () => {
    const sim = run([{ id: 9, atMinute: 0, kind: "agent-cleanup" }], 8);
    const alone = viewOf(9, sim, T0 + 8 * MINUTE);
    expect(alone.attribution).toMatchObject({ confounded: false, measuredWith: [] });
    expect(describeEffect(alone)).toMatch(/^freed [\d,]+ MB; growth (slowed|sped up|unchanged)/);
    const running = planAttributedEffect({
      id: 9,
      limitMb,
      actions: [...sim.inputs, { id: 10, restart: false, startedAt: T0 + 60_000, finishedAt: null, reportedFreedMb: null }],
      samples: sim.total,
      now: new Date(T0 + 8 * MINUTE),
    });
    expect(running).toMatchObject({ effectStatus: "pending", effectConfounded: true, effectMeasuredWith: [10] });
  }, timeout);
});

describe("an action that has not run", () => {
  it("says nothing about an effect", () => {
    const effect: ActionEffect = { status: "not_run", beforeMb: null, beforeAt: null, after1mMb: null, after5mMb: null, growthBeforeMbPer5m: null, growthAfterMbPer5m: null };
    expect(describeEffect(effect)).toBeNull();
  });
});
