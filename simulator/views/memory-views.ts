import { componentKeys, type Consumer, type MemoryStatus, type MemoryTop } from "@/lib/target-api/schemas";
import { countAgents } from "../model/agents";
import { countConnections } from "../model/connections";
import { measureMemory } from "../model/measure";
import { limits } from "../model/profile";
import { cacheEntries, redisKeys } from "../model/stores";
import type { ModelState } from "../model/types";
import { iso, round1, seconds } from "./format";

export function memoryStatus(state: ModelState): MemoryStatus {
  const memory = measureMemory(state);
  const components = Object.fromEntries(
    componentKeys.map((key) => {
      const { usedMb, parts } = memory.components[key];
      const rounded = Object.fromEntries(Object.entries(parts).map(([part, mb]) => [part, round1(mb)]));
      return [key, { used_mb: round1(usedMb), parts: rounded }];
    }),
  ) as MemoryStatus["components"];
  return {
    timestamp: iso(state.nowMs),
    instance: instanceView(state),
    used_mb: round1(memory.usedMb),
    limit_mb: limits.memoryLimitMb,
    available_mb: round1(limits.memoryLimitMb - memory.usedMb),
    percent: round1((memory.usedMb / limits.memoryLimitMb) * 100),
    gc_threshold_mb: limits.gcThresholdMb,
    components,
  };
}

export function instanceView(state: ModelState) {
  const { id, startedAtMs } = state.instance;
  return { id, started_at: iso(startedAtMs), uptime_s: seconds(state.nowMs - startedAtMs) };
}

type PartInfo = { description: string; count?: (state: ModelState) => number };

const parts: Record<string, PartInfo> = {
  "api_service.runtime": { description: "Interpreter, loaded modules and application code" },
  "api_service.request_queue": { description: "Requests waiting for a worker", count: (s) => Math.round(s.instance.requestQueue) },
  "api_service.websocket_connections": {
    description: "WebSocket connection objects and socket buffers",
    count: (s) => s.instance.websocket.active + s.instance.websocket.staleBacklogMb.length,
  },
  "api_service.websocket_send_queues": { description: "Messages queued for WebSocket clients that do not read them" },
  "api_service.garbage": { description: "Unreachable objects waiting for the cycle collector" },
  "agent_system.active_agents": { description: "Agents working on a task", count: (s) => countAgents(s.instance, "active") },
  "agent_system.idle_agents": { description: "Idle agents kept warm in the pool", count: (s) => countAgents(s.instance, "idle") },
  "agent_system.orphaned_agents": {
    description: "Terminated agents still referenced from the coalition registry",
    count: (s) => countAgents(s.instance, "orphaned"),
  },
  "agent_system.coalitions": { description: "Coalition structures and member lists", count: (s) => s.instance.coalitions.length },
  "agent_system.garbage": { description: "Unreachable belief-update objects waiting for the cycle collector" },
  "database.active_connections": { description: "Connections checked out by requests", count: (s) => countConnections(s.instance, "active") },
  "database.idle_connections": { description: "Connections waiting in the pool", count: (s) => countConnections(s.instance, "idle") },
  "database.idle_in_transaction": {
    description: "Connections returned inside an open transaction and never reused, with their result buffers",
    count: (s) => countConnections(s.instance, "idle_in_transaction"),
  },
  "database.garbage": { description: "Unreachable query results waiting for the cycle collector" },
  "cache.live_entries": { description: "Cache entries within their TTL", count: (s) => cacheEntries(s.instance.cache.liveMb) },
  "cache.expired_entries": { description: "Expired cache entries not yet evicted", count: (s) => cacheEntries(s.instance.cache.expiredMb) },
  "redis.dataset": { description: "Redis base dataset and overhead" },
  "redis.sessions": { description: "Session keys in Redis" },
  "redis.expiring_keys": { description: "exp:* keys with a TTL", count: (s) => redisKeys(s.redis.expiringMb) },
  "redis.keys_without_ttl": { description: "exp:* keys written without a TTL", count: (s) => redisKeys(s.redis.untrackedMb) },
};


/** Non-overlapping consumers that add up to `used_mb`; running operations are listed one by one. */
export function memoryTop(state: ModelState, limit: number): MemoryTop {
  const memory = measureMemory(state);
  const consumer = (name: string, component: Consumer["component"], mb: number, count: number | null, description: string): Consumer => ({
    name,
    component,
    memory_mb: round1(mb),
    percent: round1(memory.usedMb > 0 ? (mb / memory.usedMb) * 100 : 0),
    count,
    description,
  });
  const consumers: Consumer[] = [];
  for (const key of componentKeys) {
    for (const [part, mb] of Object.entries(memory.components[key].parts)) {
      const info = parts[`${key}.${part}`];
      if (info) consumers.push(consumer(`${key}.${part}`, key, mb, info.count?.(state) ?? null, info.description));
    }
  }
  if (state.down === null) {
    for (const op of state.instance.operations.running) {
      const description = `Running ${op.type} operation, started at ${iso(op.startedAtMs)}`;
      consumers.push(consumer(`operation ${op.type} ${op.id}`, op.component, op.heldMb, null, description));
    }
  }
  consumers.sort((a, b) => b.memory_mb - a.memory_mb || a.name.localeCompare(b.name));
  return { timestamp: iso(state.nowMs), used_mb: round1(memory.usedMb), consumers: consumers.slice(0, limit) };
}
