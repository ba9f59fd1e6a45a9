import type { RemediationAction } from "@/lib/target-api/schemas";
import { countAgents, leaveCoalition, poolSize } from "./agents";
import { countConnections } from "./connections";
import { collectGarbage } from "./garbage";
import { recordLifecycle } from "./instance";
import { measureMemory } from "./measure";
import { cacheEntries, redisKeys } from "./stores";
import type { Config, ModelState } from "./types";

export type RemediationOutcome = {
  action: RemediationAction;
  usedBeforeMb: number;
  usedAfterMb: number;
  details: Record<string, number>;
};

/** Measures before and after at the same model instant, so "freed" is exactly what the action released. */
function measured(state: ModelState, action: RemediationAction, run: () => Record<string, number>): RemediationOutcome {
  const usedBeforeMb = measureMemory(state).usedMb;
  const details = run();
  return { action, usedBeforeMb, usedAfterMb: measureMemory(state).usedMb, details };
}

/** Drops expired entries only; live entries are what the service is using. */
export function cleanupCache(state: ModelState): RemediationOutcome {
  return measured(state, "cache_cleanup", () => {
    const cache = state.instance.cache;
    const removed = cache.expiredMb;
    cache.expiredMb = 0;
    return { entries_removed: cacheEntries(removed), live_entries: cacheEntries(cache.liveMb), live_mb: cache.liveMb };
  });
}

/** Lowers the ceiling and evicts idle agents, least recently used first; busy agents finish their work. */
export function resizeAgentPool(state: ModelState, maxSize: number): RemediationOutcome {
  return measured(state, "agent_pool_resize", () => {
    const instance = state.instance;
    const previous = instance.config.agentPoolMaxSize;
    instance.config.agentPoolMaxSize = maxSize;
    const idle = instance.agents.filter((a) => a.status === "idle").sort((a, b) => a.lastActiveAtMs - b.lastActiveAtMs);
    const evicted = new Set(idle.slice(0, Math.max(0, poolSize(instance) - maxSize)));
    for (const agent of evicted) leaveCoalition(instance, agent);
    instance.agents = instance.agents.filter((agent) => !evicted.has(agent));
    recordLifecycle(instance, "evicted", state.nowMs, evicted.size);
    return {
      previous_max_size: previous,
      max_size: maxSize,
      evicted_agents: evicted.size,
      pool_size: poolSize(instance),
      active_agents: countAgents(instance, "active"),
      idle_agents: countAgents(instance, "idle"),
    };
  });
}

export function runGarbageCollection(state: ModelState): RemediationOutcome {
  return measured(state, "gc", () => {
    const { objects } = collectGarbage(state.instance);
    return { collected_objects: objects, collections_total: state.instance.gcCollections };
  });
}

/** Releases orphaned agents (terminated but still referenced); live agents are untouched. */
export function cleanupAgents(state: ModelState): RemediationOutcome {
  return measured(state, "agent_cleanup", () => {
    const instance = state.instance;
    const orphans = instance.agents.filter((a) => a.status === "orphaned");
    for (const orphan of orphans) instance.coalitions.find((c) => c.id === orphan.coalitionId)?.memberIds.delete(orphan.id);
    instance.agents = instance.agents.filter((a) => a.status !== "orphaned");
    recordLifecycle(instance, "cleaned", state.nowMs, orphans.length);
    return { orphans_removed: orphans.length };
  });
}

/** Shrinks every live agent's beliefs that exceed the size limit down to the limit. */
export function compactBeliefs(state: ModelState): RemediationOutcome {
  return measured(state, "belief_compaction", () => {
    const { agents, config } = state.instance;
    let compacted = 0;
    for (const agent of agents) {
      if (agent.status === "orphaned" || agent.beliefMb <= config.beliefSizeLimitMb) continue;
      agent.beliefMb = config.beliefSizeLimitMb;
      agent.compressed = agent.compressed || config.beliefCompression;
      compacted += 1;
    }
    const largest = Math.max(0, ...agents.filter((a) => a.status !== "orphaned").map((a) => a.beliefMb));
    return { agents_compacted: compacted, belief_size_limit_mb: config.beliefSizeLimitMb, largest_belief_mb: largest };
  });
}

/** Closes every connection sitting in the pool; connections checked out by running queries stay. */
export function resetDbPool(state: ModelState): RemediationOutcome {
  return measured(state, "db_pool_reset", () => {
    const instance = state.instance;
    const details = {
      idle_closed: countConnections(instance, "idle"),
      idle_in_transaction_closed: countConnections(instance, "idle_in_transaction"),
      active_kept: countConnections(instance, "active"),
    };
    instance.db = instance.db.filter((conn) => conn.state === "active");
    return details;
  });
}

/** Runtime configuration lives in the process: a restart brings the defaults back. */
export function updateConfig(state: ModelState, patch: Partial<Config>): { previous: Config; config: Config } {
  const previous = { ...state.instance.config };
  state.instance.config = { ...previous, ...patch };
  return { previous, config: { ...state.instance.config } };
}

/** The runbook's `redis-cli EVAL ... del keys exp:*`: every exp:* key goes, with or without a TTL. */
export function cleanRedisExpiredKeys(state: ModelState): { freedMb: number; keysDeleted: number } {
  const freedMb = state.redis.expiringMb + state.redis.untrackedMb;
  state.redis.expiringMb = 0;
  state.redis.untrackedMb = 0;
  return { freedMb, keysDeleted: redisKeys(freedMb) };
}
