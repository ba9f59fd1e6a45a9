import type { ConfigResponse, Operation, Operations, SystemConfig, WebsocketStats } from "@/lib/target-api/schemas";
import { measureMemory } from "../model/measure";
import { limits } from "../model/profile";
import type { Config, ModelState, Operation as ModelOperation } from "../model/types";
import { iso, round1, seconds } from "./format";

/** Roughly 2 KB per queued broadcast frame. */
const messagesPerMb = 512;

function operationView(op: ModelOperation, nowMs: number): Operation {
  return {
    id: op.id,
    operation_type: op.type,
    component: op.component,
    status: op.status,
    started_at: iso(op.startedAtMs),
    finished_at: op.finishedAtMs === null ? null : iso(op.finishedAtMs),
    duration_s: seconds((op.finishedAtMs ?? nowMs) - op.startedAtMs),
    memory_delta_mb: round1(op.maxHeldMb),
    memory_mb: round1(op.heldMb),
  };
}

export function operations(
  state: ModelState,
  query: { status?: Operation["status"]; duration_gt?: number; since?: string; limit: number },
): Operations {
  const { running, finished } = state.instance.operations;
  const sinceMs = query.since === undefined ? null : Date.parse(query.since);
  const matching = [...running, ...finished]
    .map((op) => ({ op, view: operationView(op, state.nowMs) }))
    .filter(({ op, view }) => {
      if (query.status && view.status !== query.status) return false;
      if (query.duration_gt !== undefined && view.duration_s <= query.duration_gt) return false;
      return sinceMs === null || (op.finishedAtMs ?? state.nowMs) >= sinceMs;
    })
    .sort((a, b) => b.op.startedAtMs - a.op.startedAtMs || b.op.id.localeCompare(a.op.id));
  return {
    timestamp: iso(state.nowMs),
    count: matching.length,
    operations: matching.slice(0, query.limit).map(({ view }) => view),
  };
}

export function websocketStats(state: ModelState): WebsocketStats {
  const sockets = state.instance.websocket;
  const stale = sockets.staleBacklogMb;
  const parts = measureMemory(state).components.api_service.parts;
  const queuedMb = parts.websocket_send_queues;
  return {
    timestamp: iso(state.nowMs),
    total_connections: sockets.active + stale.length,
    active_connections: sockets.active,
    idle_connections: stale.length,
    send_queue_messages: Math.round(queuedMb * messagesPerMb),
    send_queue_mb: round1(queuedMb),
    memory_mb: round1(parts.websocket_connections + queuedMb),
    opened_total: sockets.openedTotal,
    closed_total: sockets.closedTotal,
  };
}

function configView(config: Config): SystemConfig {
  return {
    belief_compression: config.beliefCompression,
    belief_size_limit_mb: config.beliefSizeLimitMb,
    agent_pool_max_size: config.agentPoolMaxSize,
    memory_limit_mb: limits.memoryLimitMb,
    gc_threshold_mb: limits.gcThresholdMb,
  };
}

export function configResponse(state: ModelState, previous: Config): ConfigResponse {
  return { timestamp: iso(state.nowMs), config: configView(state.instance.config), previous: configView(previous) };
}
