import { recordLifecycle } from "./instance";
import { startOperation } from "./operations";
import { MINUTE_MS, profile, scenarioProfile } from "./profile";
import { scenarioActive } from "./traffic";
import type { Agent, AgentStatus, Instance, ModelState, TickContext } from "./types";

/** Compressed beliefs take this share of the memory they would take uncompressed. */
const COMPRESSION_RATIO = 0.4;
const p = profile.agents;

export const agentMemoryMb = (agent: Agent): number => agent.baseMb + agent.beliefMb;
export const poolSize = (instance: Instance): number => instance.agents.filter((a) => a.status !== "orphaned").length;
export const countAgents = (instance: Instance, status: AgentStatus): number => instance.agents.filter((a) => a.status === status).length;

function isRunaway(state: ModelState, agent: Agent, t: number): boolean {
  const beliefs = scenarioProfile["large-beliefs"];
  return agent.persistent && agent.runawayRoll < beliefs.runawayShare && scenarioActive(state, "large-beliefs", t);
}

export function tickAgents(ctx: TickContext): void {
  const { instance, t } = ctx;
  const removed = new Set<Agent>();
  for (const agent of instance.agents) {
    if (agent.status === "active" && t >= agent.dueAtMs) terminate(ctx, agent, removed);
    else if (agent.status === "idle" && t - agent.lastActiveAtMs >= p.idleTtlMin * MINUTE_MS) {
      removed.add(agent);
      recordLifecycle(instance, "terminated", t);
    }
  }
  if (removed.size > 0) instance.agents = instance.agents.filter((agent) => !removed.has(agent));
  matchDemand(ctx);
  for (const agent of instance.agents) {
    if (agent.status === "active") growBelief(ctx, agent);
  }
}

/**
 * In the leak scenario a terminated agent that still belongs to a coalition stays referenced from
 * the coalition registry: it leaves the pool but its memory is never released.
 */
function terminate(ctx: TickContext, agent: Agent, removed: Set<Agent>): void {
  const { instance, t, state, rng } = ctx;
  const leaking = agent.coalitionId !== null && scenarioActive(state, "leak", t);
  if (leaking && rng.chance(scenarioProfile.leak.orphanProbability)) {
    agent.status = "orphaned";
    recordLifecycle(instance, "orphaned", t);
    return;
  }
  instance.coalitions.find((c) => c.id === agent.coalitionId)?.memberIds.delete(agent.id);
  removed.add(agent);
  recordLifecycle(instance, "terminated", t);
}

function matchDemand(ctx: TickContext): void {
  const { instance, load, t } = ctx;
  const active = instance.agents.filter((a) => a.status === "active");
  const persistent = active.filter((a) => a.persistent).length;
  let spawnBudget = p.spawnPerTick;
  for (let i = persistent; i < p.persistent && spawnBudget > 0 && poolSize(instance) < instance.config.agentPoolMaxSize; i += 1) {
    spawnAgent(ctx, true);
    spawnBudget -= 1;
  }
  const demand = Math.max(0, Math.round(p.activePerLoad * load) - p.persistent);
  const tasks = active.filter((a) => !a.persistent);
  const toIdle = Math.min(p.idlePerTick, Math.max(0, tasks.length - demand));
  for (const agent of tasks.slice(tasks.length - toIdle)) {
    leaveCoalition(instance, agent);
    agent.status = "idle";
    agent.lastActiveAtMs = t;
  }
  let taskCount = tasks.length - toIdle;
  const idle = instance.agents.filter((a) => a.status === "idle").sort((a, b) => b.lastActiveAtMs - a.lastActiveAtMs);
  for (const agent of idle) {
    if (taskCount >= demand) break;
    agent.status = "active";
    taskCount += 1;
  }
  while (taskCount < demand && spawnBudget > 0 && poolSize(instance) < instance.config.agentPoolMaxSize) {
    spawnAgent(ctx, false);
    spawnBudget -= 1;
    taskCount += 1;
  }
  instance.unmetAgentDemand = Math.max(0, demand - taskCount);
  const idleNow = countAgents(instance, "idle");
  for (let i = idleNow; i < p.warmIdle && spawnBudget > 0 && poolSize(instance) < instance.config.agentPoolMaxSize; i += 1) {
    spawnAgent(ctx, false).status = "idle";
    spawnBudget -= 1;
  }
}

function spawnAgent(ctx: TickContext, persistent: boolean): Agent {
  const { instance, rng, t } = ctx;
  instance.agentSeq += 1;
  const natural = rng.uniform(p.beliefNaturalMb[0], p.beliefNaturalMb[1]);
  const lifetimeMin = persistent ? p.persistentLifetimeMin : p.taskLifetimeMin;
  const agent: Agent = {
    id: `agent-${String(instance.agentSeq).padStart(5, "0")}`,
    status: "active",
    persistent,
    baseMb: rng.uniform(p.baseMb[0], p.baseMb[1]),
    beliefMb: natural * rng.uniform(0.2, 0.5),
    beliefNaturalMb: natural,
    runawayRoll: rng.next(),
    compressed: instance.config.beliefCompression,
    coalitionId: null,
    createdAtMs: t,
    lastActiveAtMs: t,
    dueAtMs: t - Math.log(1 - rng.next()) * lifetimeMin * MINUTE_MS,
  };
  instance.agents.push(agent);
  recordLifecycle(instance, "spawned", t);
  startOperation(instance, t, {
    type: "agent_spawn",
    component: "agent_system",
    peakMb: rng.uniform(3, 8),
    durationMs: rng.uniform(1_000, 4_000),
  });
  return agent;
}

/** Beliefs grow with activity; healthy agents prune them, runaway ones do not. Compression slows growth and caps it at the limit. */
function growBelief(ctx: TickContext, agent: Agent): void {
  const { instance, state, t, dtMin } = ctx;
  const runaway = isRunaway(state, agent, t);
  const rate = runaway ? scenarioProfile["large-beliefs"].growthMbPerMin : p.beliefGrowthMbPerMin;
  let growth = rate * dtMin;
  if (instance.config.beliefCompression) {
    agent.compressed = true;
    growth = Math.max(0, Math.min(growth * COMPRESSION_RATIO, instance.config.beliefSizeLimitMb - agent.beliefMb));
  }
  agent.beliefMb += growth;
  if (!runaway && agent.beliefMb > agent.beliefNaturalMb) agent.beliefMb = agent.beliefNaturalMb * 0.75;
  agent.lastActiveAtMs = t;
}

export function leaveCoalition(instance: Instance, agent: Agent): void {
  if (agent.coalitionId === null) return;
  instance.coalitions.find((c) => c.id === agent.coalitionId)?.memberIds.delete(agent.id);
  agent.coalitionId = null;
}
