import { describe, expect, it } from "vitest";
import { componentKeys, type ComponentKey } from "@/lib/target-api/schemas";
import { agentMemoryMb, poolSize } from "@/simulator/model/agents";
import { advanceModel } from "@/simulator/model/create-model";
import { garbageMb } from "@/simulator/model/garbage";
import { measureMemory } from "@/simulator/model/measure";
import { defaultConfig, profile } from "@/simulator/model/profile";
import {
  cleanupAgents,
  cleanupCache,
  compactBeliefs,
  resetDbPool,
  resizeAgentPool,
  runGarbageCollection,
  updateConfig,
  type RemediationOutcome,
} from "@/simulator/model/remediations";
import { beginRestart, completeRestart } from "@/simulator/model/restart";
import type { ModelState } from "@/simulator/model/types";
import { MINUTE, T0, warmModel } from "./model-helpers";

const sumMb = (agents: ModelState["instance"]["agents"]) => agents.reduce((total, agent) => total + agentMemoryMb(agent), 0);

/** Runs an action and checks that only the components it targets changed, and that "freed" is the drop in use. */
function expectOnlyChanges(state: ModelState, touched: ComponentKey[], act: () => RemediationOutcome): RemediationOutcome {
  const before = measureMemory(state);
  const outcome = act();
  const after = measureMemory(state);
  expect(outcome.usedBeforeMb).toBeCloseTo(before.usedMb, 9);
  expect(outcome.usedAfterMb).toBeCloseTo(after.usedMb, 9);
  for (const key of componentKeys) {
    if (!touched.includes(key)) expect(after.components[key].usedMb, key).toBeCloseTo(before.components[key].usedMb, 9);
  }
  return outcome;
}

describe("remediations free what they should and nothing more", () => {
  it("cache cleanup frees exactly the expired entries and keeps the live ones", () => {
    const state = warmModel("leak");
    const { liveMb, expiredMb } = state.instance.cache;
    expect(expiredMb).toBeGreaterThan(50);
    const outcome = expectOnlyChanges(state, ["cache"], () => cleanupCache(state));
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(expiredMb, 9);
    expect(state.instance.cache.liveMb).toBe(liveMb);
    expect(outcome.details.entries_removed).toBe(Math.round((expiredMb * 1024) / 4));
  });

  it("GC frees collectable garbage but not the leaked agents", () => {
    const state = warmModel("leak");
    // Collections run on their own; step to a moment when garbage has built up again.
    for (let t = T0; garbageMb(state.instance) < 10; t += 5_000) advanceModel(state, t);
    const garbage = garbageMb(state.instance);
    const orphans = sumMb(state.instance.agents.filter((a) => a.status === "orphaned"));
    expect(garbage).toBeGreaterThan(0);
    expect(orphans).toBeGreaterThan(100);
    const outcome = runGarbageCollection(state);
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(garbage, 9);
    expect(sumMb(state.instance.agents.filter((a) => a.status === "orphaned"))).toBe(orphans);
  });

  it("shrinking the pool evicts idle agents only, least recently used first, and then holds the ceiling", () => {
    const state = warmModel("steady");
    const idle = state.instance.agents.filter((a) => a.status === "idle");
    const activeIds = state.instance.agents.filter((a) => a.status === "active").map((a) => a.id);
    expect(idle.length).toBeGreaterThan(5);
    const outcome = expectOnlyChanges(state, ["agent_system"], () => resizeAgentPool(state, 50));
    expect(outcome.details.evicted_agents).toBe(idle.length);
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(sumMb(idle), 9);
    expect(state.instance.agents.filter((a) => a.status === "active").map((a) => a.id)).toEqual(activeIds);
    const sizeAfter = poolSize(state.instance);
    advanceModel(state, T0 + 30 * MINUTE);
    expect(poolSize(state.instance)).toBeLessThanOrEqual(Math.max(50, sizeAfter));
    expect(state.instance.unmetAgentDemand).toBeGreaterThan(0);
  });

  it("a pool resize above the current size evicts nobody", () => {
    const state = warmModel("steady");
    const outcome = resizeAgentPool(state, poolSize(state.instance) + 1);
    expect(outcome.details.evicted_agents).toBe(0);
    expect(outcome.usedBeforeMb).toBe(outcome.usedAfterMb);
  });

  it("agent cleanup releases exactly the orphaned agents", () => {
    const state = warmModel("leak");
    const orphans = state.instance.agents.filter((a) => a.status === "orphaned");
    const live = state.instance.agents.filter((a) => a.status !== "orphaned");
    const referencesMb = profile.coalitions.memberMb * orphansStillInCoalitions(orphans, state);
    const outcome = expectOnlyChanges(state, ["agent_system"], () => cleanupAgents(state));
    expect(outcome.details.orphans_removed).toBe(orphans.length);
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(sumMb(orphans) + referencesMb, 9);
    expect(state.instance.agents).toEqual(live);
  });

  it("belief compression caps future growth; compaction shrinks existing beliefs to the limit", () => {
    const state = warmModel("large-beliefs");
    updateConfig(state, { beliefCompression: true, beliefSizeLimitMb: 10 });
    const big = state.instance.agents.filter((a) => a.status !== "orphaned" && a.beliefMb > 10);
    const sizes = new Map(big.map((agent) => [agent.id, agent.beliefMb]));
    expect(big.length).toBeGreaterThan(3);
    advanceModel(state, T0 + 20 * MINUTE);
    for (const agent of state.instance.agents) {
      const was = sizes.get(agent.id);
      if (was !== undefined) expect(agent.beliefMb).toBeLessThanOrEqual(was);
      else expect(agent.beliefMb).toBeLessThanOrEqual(10);
    }
    const excess = state.instance.agents.reduce((total, a) => total + Math.max(0, a.beliefMb - 10), 0);
    const outcome = expectOnlyChanges(state, ["agent_system"], () => compactBeliefs(state));
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(excess, 9);
    expect(Math.max(...state.instance.agents.map((a) => a.beliefMb))).toBeLessThanOrEqual(10);
  });

  it("a DB pool reset closes idle connections (leaked ones included) and keeps checked-out ones", () => {
    const state = warmModel("db-pool-growth");
    const db = state.instance.db;
    const idleMb = db.filter((c) => c.state !== "active").reduce((total, c) => total + c.memoryMb, 0);
    const active = db.filter((c) => c.state === "active");
    const outcome = expectOnlyChanges(state, ["database"], () => resetDbPool(state));
    expect(outcome.usedBeforeMb - outcome.usedAfterMb).toBeCloseTo(idleMb, 9);
    expect(state.instance.db).toEqual(active);
  });

  it("a restart loses everything in the process but not Redis or the metrics history", () => {
    const state = warmModel("redis-bloat");
    updateConfig(state, { beliefCompression: true });
    const redis = { ...state.redis };
    const samples = state.history.times.length;
    beginRestart(state, "emergency");
    expect(measureMemory(state).components.agent_system.usedMb).toBe(0);
    completeRestart(state, "emergency");
    expect(state.instance.agents).toEqual([]);
    expect(state.instance.cache).toEqual({ liveMb: 0, expiredMb: 0 });
    expect(state.instance.config).toEqual(defaultConfig);
    expect(state.redis).toEqual(redis);
    expect(state.history.times.length).toBe(samples);
    expect(state.events.at(-1)).toMatchObject({ type: "restarted", mode: "emergency" });
  });
});

/** Orphans are listed in a live coalition's member list only while that coalition exists; cleanup drops those references too. */
function orphansStillInCoalitions(orphans: ModelState["instance"]["agents"], state: ModelState): number {
  return orphans.filter((orphan) => state.instance.coalitions.some((c) => c.memberIds.has(orphan.id))).length;
}
