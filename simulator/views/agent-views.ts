import type { AgentsLifecycle, AgentsMemory } from "@/lib/target-api/schemas";
import { agentMemoryMb, countAgents, poolSize } from "../model/agents";
import type { LifecycleEvent, ModelState } from "../model/types";
import { iso, round1 } from "./format";

export function agentsMemory(state: ModelState): AgentsMemory {
  const { agents, config } = state.instance;
  const listed = state.down === null ? agents : [];
  return {
    timestamp: iso(state.nowMs),
    count: listed.length,
    total_mb: round1(listed.reduce((total, agent) => total + agentMemoryMb(agent), 0)),
    belief_compression: config.beliefCompression,
    belief_size_limit_mb: config.beliefSizeLimitMb,
    agents: listed.map((agent) => ({
      agent_id: agent.id,
      status: agent.status,
      memory_mb: round1(agentMemoryMb(agent)),
      belief_state_mb: round1(agent.beliefMb),
      belief_compressed: agent.compressed,
      coalition_id: agent.coalitionId,
      created_at: iso(agent.createdAtMs),
      last_active_at: iso(agent.lastActiveAtMs),
    })),
  };
}

const lifecycleEvents: LifecycleEvent[] = ["spawned", "terminated", "orphaned", "evicted", "cleaned"];

export function agentsLifecycle(state: ModelState): AgentsLifecycle {
  const instance = state.instance;
  const orphans = instance.agents.filter((a) => a.status === "orphaned");
  const recent = Object.fromEntries(lifecycleEvents.map((event) => [event, 0])) as Record<LifecycleEvent, number>;
  for (const entry of instance.lifecycle.recent) if (entry.atMs >= state.nowMs - 15 * 60_000) recent[entry.event] += 1;
  const oldestOrphan = orphans.reduce<number | null>((oldest, a) => (oldest === null || a.lastActiveAtMs < oldest ? a.lastActiveAtMs : oldest), null);
  return {
    timestamp: iso(state.nowMs),
    pool: {
      max_size: instance.config.agentPoolMaxSize,
      size: poolSize(instance),
      active: countAgents(instance, "active"),
      idle: countAgents(instance, "idle"),
      unmet_demand: instance.unmetAgentDemand,
    },
    orphaned: {
      count: orphans.length,
      memory_mb: round1(orphans.reduce((total, agent) => total + agentMemoryMb(agent), 0)),
      oldest_since: oldestOrphan === null ? null : iso(oldestOrphan),
    },
    coalitions: {
      active: instance.coalitions.length,
      formed_total: instance.coalitionTotals.formed,
      dissolved_total: instance.coalitionTotals.dissolved,
    },
    totals: { ...instance.lifecycle.totals },
    last_15m: recent,
  };
}
