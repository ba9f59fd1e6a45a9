import type { ComponentKey } from "@/lib/target-api/schemas";
import { agentMemoryMb } from "./agents";
import { coalitionMb } from "./coalitions";
import { runningMb } from "./operations";
import { profile } from "./profile";
import type { ModelState } from "./types";

export type ComponentBreakdown = { usedMb: number; parts: Record<string, number> };
export type MemoryBreakdown = { usedMb: number; components: Record<ComponentKey, ComponentBreakdown> };

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

function component(parts: Record<string, number>): ComponentBreakdown {
  return { usedMb: sum(Object.values(parts)), parts };
}

/** Where the service's memory is, part by part; the parts add up exactly to the total. */
export function measureMemory(state: ModelState): MemoryBreakdown {
  const redis = component({
    dataset: profile.redis.datasetMb,
    sessions: state.redis.sessionsMb,
    expiring_keys: state.redis.expiringMb,
    keys_without_ttl: state.redis.untrackedMb,
  });
  const instance = state.instance;
  const up = state.down === null ? 1 : 0;
  const agents = { active: 0, idle: 0, orphaned: 0 };
  for (const agent of instance.agents) agents[agent.status] += agentMemoryMb(agent) * up;
  const db = { active: 0, idle: 0, idle_in_transaction: 0 };
  for (const conn of instance.db) db[conn.state] += conn.memoryMb * up;
  const sockets = instance.websocket;
  const components: Record<ComponentKey, ComponentBreakdown> = {
    api_service: component({
      runtime: instance.runtimeMb * up,
      request_queue: instance.requestQueue * profile.requestQueue.requestMb * up,
      websocket_connections: (sockets.active + sockets.staleBacklogMb.length) * profile.websocket.connectionMb * up,
      websocket_send_queues: sum(sockets.staleBacklogMb) * up,
      operations: runningMb(instance, "api_service") * up,
      garbage: instance.garbage.api_service * up,
    }),
    agent_system: component({
      active_agents: agents.active,
      idle_agents: agents.idle,
      orphaned_agents: agents.orphaned,
      coalitions: sum(instance.coalitions.map(coalitionMb)) * up,
      operations: runningMb(instance, "agent_system") * up,
      garbage: instance.garbage.agent_system * up,
    }),
    database: component({
      active_connections: db.active,
      idle_connections: db.idle,
      idle_in_transaction: db.idle_in_transaction,
      query_buffers: runningMb(instance, "database") * up,
      garbage: instance.garbage.database * up,
    }),
    cache: component({
      live_entries: instance.cache.liveMb * up,
      expired_entries: instance.cache.expiredMb * up,
    }),
    redis,
  };
  return { usedMb: sum(Object.values(components).map((c) => c.usedMb)), components };
}
