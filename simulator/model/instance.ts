import { defaultConfig, profile } from "./profile";
import type { Instance, LifecycleEvent } from "./types";

/** A freshly started API process: empty pools and caches, default configuration. */
export function createInstance(id: string, startedAtMs: number): Instance {
  return {
    id,
    startedAtMs,
    config: { ...defaultConfig },
    runtimeMb: profile.runtimeMb,
    agents: [],
    agentSeq: 0,
    coalitions: [],
    coalitionSeq: 0,
    coalitionTotals: { formed: 0, dissolved: 0 },
    lifecycle: { totals: { spawned: 0, terminated: 0, orphaned: 0, evicted: 0, cleaned: 0 }, recent: [] },
    unmetAgentDemand: 0,
    requestQueue: 0,
    websocket: { active: 0, staleBacklogMb: [], openedTotal: 0, closedTotal: 0 },
    db: [],
    cache: { liveMb: 0, expiredMb: 0 },
    garbage: { api_service: 0, agent_system: 0, database: 0 },
    gcCollections: 0,
    operations: { running: [], finished: [], seq: 0 },
  };
}

const recentWindowMs = 15 * 60_000;

export function recordLifecycle(instance: Instance, event: LifecycleEvent, atMs: number, count = 1): void {
  instance.lifecycle.totals[event] += count;
  for (let i = 0; i < count; i += 1) instance.lifecycle.recent.push({ event, atMs });
}

export function pruneLifecycle(instance: Instance, t: number): void {
  const recent = instance.lifecycle.recent;
  let drop = 0;
  while (drop < recent.length && recent[drop].atMs < t - recentWindowMs) drop += 1;
  if (drop > 0) recent.splice(0, drop);
}
