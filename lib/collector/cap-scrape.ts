import type { Consumer } from "@/lib/target-api/schemas";
import type { PrometheusSample } from "@/lib/target-api/parse-prometheus";
import type { ScrapedDocuments } from "@/lib/collector/samples-from-scrape";

/**
 * How much one scrape of one target may add. A target answering 50,000 consumers and 30,000
 * agent ids would otherwise write 80,000 new series per scrape and cost every other target its
 * samples; past these the largest are kept and the rest summed as "other" (README, "Collection
 * limits"). The totals the target reports (used memory, components, agent count) are never cut.
 */
export const SCRAPE_CAPS = { consumers: 100, agents: 500, prometheusSeries: 200, descriptionChars: 500 } as const;
export type ScrapeCaps = { consumers: number; agents: number; prometheusSeries: number; descriptionChars: number };

/** The label value the summed remainder is stored under (per component for consumers). */
export const OTHER = "other";


const byMemory = <T extends { memory_mb: number }>(a: T, b: T) => b.memory_mb - a.memory_mb;
const count = (n: number) => n.toLocaleString("en-US");

function capConsumers(consumers: Consumer[], caps: ScrapeCaps): { consumers: Consumer[]; warning: string | null } {
  const trimmed = consumers.map((c) => (c.description.length > caps.descriptionChars ? { ...c, description: `${c.description.slice(0, caps.descriptionChars)}…` } : c));
  if (trimmed.length <= caps.consumers) return { consumers: trimmed, warning: null };
  const sorted = [...trimmed].sort(byMemory);
  const kept = sorted.slice(0, caps.consumers);
  const rest = new Map<Consumer["component"], Consumer>();
  for (const c of sorted.slice(caps.consumers)) {
    const other = rest.get(c.component) ?? { name: OTHER, component: c.component, memory_mb: 0, percent: 0, count: 0, description: "" };
    rest.set(c.component, { ...other, memory_mb: other.memory_mb + c.memory_mb, percent: other.percent + c.percent, count: (other.count ?? 0) + 1 });
  }
  const others = [...rest.values()].map((o) => ({ ...o, description: `${count(o.count ?? 0)} smaller consumers, summed` }));
  return {
    consumers: [...kept, ...others],
    warning: `memory/top: ${count(consumers.length)} consumers, over the cap of ${count(caps.consumers)}; the largest ${count(caps.consumers)} kept, the other ${count(consumers.length - caps.consumers)} summed as "${OTHER}" per component`,
  };
}

/** The scrape's documents within the caps, with one warning per cap that applied. */
export function capScrapedDocuments(documents: ScrapedDocuments, caps: ScrapeCaps = SCRAPE_CAPS): { documents: ScrapedDocuments; warnings: string[] } {
  const warnings: string[] = [];
  const out: ScrapedDocuments = { ...documents };
  if (documents.top) {
    const capped = capConsumers(documents.top.consumers, caps);
    out.top = { ...documents.top, consumers: capped.consumers };
    if (capped.warning) warnings.push(capped.warning);
  }
  if (documents.agents && documents.agents.agents.length > caps.agents) {
    const sorted = [...documents.agents.agents].sort(byMemory);
    const rest = sorted.slice(caps.agents);
    out.agents = { ...documents.agents, agents: sorted.slice(0, caps.agents) };
    out.otherAgents = {
      count: rest.length,
      memoryMb: rest.reduce((sum, a) => sum + a.memory_mb, 0),
      beliefStateMb: rest.reduce((sum, a) => sum + a.belief_state_mb, 0),
    };
    warnings.push(`agents/memory: ${count(sorted.length)} agents, over the cap of ${count(caps.agents)}; the largest ${count(caps.agents)} kept, the other ${count(rest.length)} summed as agent_id="${OTHER}"`);
  }
  if (documents.prometheus) {
    const memory = documents.prometheus.filter((s: PrometheusSample) => s.name.endsWith("_bytes"));
    out.prometheus = memory.slice(0, caps.prometheusSeries);
    if (memory.length > caps.prometheusSeries) {
      warnings.push(`metrics: ${count(memory.length)} memory series, over the cap of ${count(caps.prometheusSeries)}; the first ${count(caps.prometheusSeries)} kept, the rest dropped`);
    }
  }
  return { documents: out, warnings };
}
