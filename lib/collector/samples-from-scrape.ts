import type { PrometheusSample } from "@/lib/target-api/parse-prometheus";
import type { AgentsMemory, MemoryStatus, MemoryTop } from "@/lib/target-api/schemas";
import { memorySampleFromPrometheus } from "@/lib/metrics/prometheus-names";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";

export type ScrapedDocuments = {
  memory: MemoryStatus;
  top?: MemoryTop;
  agents?: AgentsMemory;
  prometheus?: PrometheusSample[];
  /** Agents past the collection cap, summed (lib/collector/cap-scrape.ts). */
  otherAgents?: { count: number; memoryMb: number; beliefStateMb: number };
};

/**
 * The memory samples one scrape yields, all stamped with the scrape time (as Prometheus does).
 * The JSON endpoints are authoritative; the Prometheus text adds only series they do not cover.
 */
export function samplesFromScrape(options: { targetId: number; at: Date; documents: ScrapedDocuments }): StoredSample[] {
  const { targetId, at, documents } = options;
  const out: StoredSample[] = [];
  const add = (metricName: string, labels: Record<string, string> | undefined, valueMb: number) =>
    out.push({ targetId, metricName, labels: formatLabels(labels), timestamp: at, valueMb });

  add(METRIC.systemUsed, undefined, documents.memory.used_mb);
  for (const [component, part] of Object.entries(documents.memory.components)) {
    add(METRIC.componentUsed, { component }, part.used_mb);
  }
  for (const consumer of documents.top?.consumers ?? []) {
    add(METRIC.consumerUsed, { component: consumer.component, name: consumer.name }, consumer.memory_mb);
  }
  for (const agent of documents.agents?.agents ?? []) {
    add(METRIC.agentUsed, { agent_id: agent.agent_id }, agent.memory_mb);
    add(METRIC.agentBeliefs, { agent_id: agent.agent_id }, agent.belief_state_mb);
  }
  if (documents.otherAgents) {
    add(METRIC.agentUsed, { agent_id: "other" }, documents.otherAgents.memoryMb);
    add(METRIC.agentBeliefs, { agent_id: "other" }, documents.otherAgents.beliefStateMb);
  }
  const covered = new Set(out.map((s) => `${s.metricName}${s.labels}`));
  for (const sample of documents.prometheus ?? []) {
    const memory = memorySampleFromPrometheus(sample.name, sample.value);
    if (!memory) continue;
    const labels = formatLabels(sample.labels);
    if (covered.has(`${memory.metricName}${labels}`)) continue;
    covered.add(`${memory.metricName}${labels}`);
    out.push({ targetId, metricName: memory.metricName, labels, timestamp: at, valueMb: memory.valueMb });
  }
  return out;
}
