import { METRIC } from "@/lib/metrics/sample";

const BYTES_PER_MB = 1024 * 1024;

// The target exports memory in bytes under Prometheus names (docs/target-api.md); Headroom
// stores MB under its own names, so pages and the runbook's SQL read one series per meaning.
const KNOWN: Record<string, string> = {
  freeagentics_system_memory_usage_bytes: METRIC.systemUsed,
  freeagentics_component_memory_usage_bytes: METRIC.componentUsed,
  freeagentics_consumer_memory_usage_bytes: METRIC.consumerUsed,
  freeagentics_agent_memory_usage_bytes: METRIC.agentUsed,
  freeagentics_agent_belief_state_bytes: METRIC.agentBeliefs,
};

/**
 * The stored metric name and MB value of a Prometheus memory gauge, or null when the sample is
 * not a memory figure in bytes (Headroom stores memory only; other series are ignored).
 */
export function memorySampleFromPrometheus(name: string, value: number): { metricName: string; valueMb: number } | null {
  if (!name.endsWith("_bytes")) return null;
  return { metricName: KNOWN[name] ?? name, valueMb: value / BYTES_PER_MB };
}
