import { componentKeys } from "@/lib/target-api/schemas";
import { agentMemoryMb, countAgents, poolSize } from "../model/agents";
import { countConnections } from "../model/connections";
import { measureMemory } from "../model/measure";
import { limits } from "../model/profile";
import type { ModelState } from "../model/types";

const MB = 1024 * 1024;
type Series = { labels?: Record<string, string>; value: number };

function family(name: string, type: "gauge" | "counter", help: string, series: Series[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const { labels, value } of series) {
    const entries = Object.entries(labels ?? {});
    const labelText = entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}` : "";
    lines.push(`${name}${labelText} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  }
  return lines.join("\n");
}

const bytes = (mb: number): number => Math.round(mb * MB);

/**
 * GET /api/v1/monitoring/metrics as Prometheus text exposition 0.0.4. No sample timestamps: a scraper
 * stamps samples with its own scrape time, which also keeps them sane when the simulator runs fast.
 */
export function metricsText(state: ModelState): string {
  const memory = measureMemory(state);
  const instance = state.instance;
  const up = state.down === null;
  const agents = up ? instance.agents : [];
  // Named like the consumers of /memory/top, so a collector can match the two; operations stay
  // aggregated per component here, since one series per operation would churn.
  const consumers: Series[] = componentKeys.flatMap((component) =>
    Object.entries(memory.components[component].parts).map(([part, mb]) => ({ labels: { component, name: `${component}.${part}` }, value: bytes(mb) })),
  );
  return [
    family("freeagentics_system_memory_usage_bytes", "gauge", "Memory used by the FreeAgentics API, all components.", [{ value: bytes(memory.usedMb) }]),
    family("freeagentics_system_memory_limit_bytes", "gauge", "Memory budget of the API (API_MAX_MEMORY_MB).", [{ value: limits.memoryLimitMb * MB }]),
    family("freeagentics_component_memory_usage_bytes", "gauge", "Memory used per component.",
      componentKeys.map((component) => ({ labels: { component }, value: bytes(memory.components[component].usedMb) }))),
    family("freeagentics_consumer_memory_usage_bytes", "gauge", "Memory used per consumer (part of a component).", consumers),
    family("freeagentics_agent_memory_usage_bytes", "gauge", "Memory held by each agent, beliefs included.",
      agents.map((agent) => ({ labels: { agent_id: agent.id }, value: bytes(agentMemoryMb(agent)) }))),
    family("freeagentics_agent_belief_state_bytes", "gauge", "Memory held by each agent's belief state.",
      agents.map((agent) => ({ labels: { agent_id: agent.id }, value: bytes(agent.beliefMb) }))),
    family("freeagentics_agents", "gauge", "Agents by status.",
      (["active", "idle", "orphaned"] as const).map((status) => ({ labels: { status }, value: up ? countAgents(instance, status) : 0 }))),
    family("freeagentics_agent_pool_size", "gauge", "Agents in the pool (active and idle).", [{ value: poolSize(instance) }]),
    family("freeagentics_agent_pool_max_size", "gauge", "Configured maximum agent pool size.", [{ value: instance.config.agentPoolMaxSize }]),
    family("freeagentics_coalitions_active", "gauge", "Coalitions currently formed.", [{ value: instance.coalitions.length }]),
    family("freeagentics_websocket_connections", "gauge", "WebSocket connections; idle ones have had no traffic for 60 s.", [
      { labels: { state: "active" }, value: instance.websocket.active },
      { labels: { state: "idle" }, value: instance.websocket.staleBacklogMb.length },
    ]),
    family("freeagentics_db_pool_connections", "gauge", "Database connections held by the pool, by state.",
      (["active", "idle", "idle_in_transaction"] as const).map((connState) => ({ labels: { state: connState }, value: countConnections(instance, connState) }))),
    family("freeagentics_operations_running", "gauge", "Operations in progress.", [{ value: instance.operations.running.length }]),
    family("freeagentics_gc_collections_total", "counter", "Garbage collections since the process started.", [{ value: instance.gcCollections }]),
    family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.", [{ value: Math.floor(instance.startedAtMs / 1000) }]),
  ].join("\n") + "\n";
}
