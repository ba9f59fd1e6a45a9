import { describe, expect, it } from "vitest";
import { capScrapedDocuments, OTHER } from "@/lib/collector/cap-scrape";
import { samplesFromScrape, type ScrapedDocuments } from "@/lib/collector/samples-from-scrape";
import { METRIC } from "@/lib/metrics/sample";

const now = "2026-12-01T10:00:00.000Z";
const COMPONENTS = ["api_service", "agent_system", "database", "cache", "redis"] as const;
const memory: ScrapedDocuments["memory"] = {
  timestamp: now,
  instance: { id: "i-1", started_at: now, uptime_s: 1 },
  used_mb: 3000,
  limit_mb: 4096,
  available_mb: 1096,
  percent: 73.2,
  gc_threshold_mb: 3500,
  components: Object.fromEntries(COMPONENTS.map((c) => [c, { used_mb: 600, parts: {} }])),
} as ScrapedDocuments["memory"];

function consumers(n: number) {
  return Array.from({ length: n }, (_, i) => ({ name: `c-${i}`, component: COMPONENTS[i % 5], memory_mb: i + 1, percent: 0.01, count: null, description: "x".repeat(600) }));
}
function agents(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    agent_id: `a-${i}`, status: "active" as const, memory_mb: (i % 97) + 0.5, belief_state_mb: 0.1, belief_compressed: false, coalition_id: null, created_at: now, last_active_at: now,
  }));
}

describe("collection caps per scrape", () => {
  it("keeps the largest consumers and sums the rest per component, so component totals stay whole", () => {
    const top = { timestamp: now, used_mb: 3000, consumers: consumers(50_000) };
    const { documents, warnings } = capScrapedDocuments({ memory, top }, { consumers: 100, agents: 500, prometheusSeries: 200, descriptionChars: 500 });
    const kept = documents.top!.consumers.filter((c) => c.name !== OTHER);
    expect(kept).toHaveLength(100);
    expect(Math.min(...kept.map((c) => c.memory_mb))).toBe(49_901);
    for (const component of COMPONENTS) {
      const before = top.consumers.filter((c) => c.component === component).reduce((s, c) => s + c.memory_mb, 0);
      const after = documents.top!.consumers.filter((c) => c.component === component).reduce((s, c) => s + c.memory_mb, 0);
      expect(after).toBeCloseTo(before, 6);
    }
    expect(documents.top!.consumers.find((c) => c.name === OTHER)?.description).toBe("9,980 smaller consumers, summed");
    expect(Math.max(...documents.top!.consumers.map((c) => c.description.length))).toBeLessThanOrEqual(501);
    expect(warnings).toEqual([`memory/top: 50,000 consumers, over the cap of 100; the largest 100 kept, the other 49,900 summed as "other" per component`]);
  });

  it("keeps the largest agents, stores the rest as agent_id=\"other\", and never cuts the reported totals", () => {
    const list = agents(30_000);
    const doc = { timestamp: now, count: 30_000, total_mb: list.reduce((s, a) => s + a.memory_mb, 0), belief_compression: false, belief_size_limit_mb: 10, agents: list };
    const { documents, warnings } = capScrapedDocuments({ memory, agents: doc });
    expect(documents.agents!.agents).toHaveLength(500);
    expect(documents.agents!.count).toBe(30_000);
    expect(documents.agents!.total_mb).toBe(doc.total_mb);
    expect(documents.memory).toBe(memory);
    const samples = samplesFromScrape({ targetId: 1, at: new Date(now), documents });
    const agentSeries = samples.filter((s) => s.metricName === METRIC.agentUsed);
    expect(agentSeries).toHaveLength(501);
    expect(agentSeries.reduce((s, a) => s + a.valueMb, 0)).toBeCloseTo(doc.total_mb, 6);
    expect(samples.find((s) => s.metricName === METRIC.agentUsed && s.labels === '{agent_id="other"}')).toBeDefined();
    expect(samples.length).toBeLessThan(1_100);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("30,000 agents, over the cap of 500");
  });

  it("changes nothing and warns of nothing for a target within the caps", () => {
    const top = { timestamp: now, used_mb: 3000, consumers: consumers(20).map((c) => ({ ...c, description: "ok" })) };
    const { documents, warnings } = capScrapedDocuments({ memory, top });
    expect(documents.top).toEqual(top);
    expect(warnings).toEqual([]);
  });

  it("caps Prometheus memory series and ignores the others as before", () => {
    const prometheus = [
      ...Array.from({ length: 1_000 }, (_, i) => ({ name: "process_heap_bytes", labels: { shard: String(i) }, value: 1024 * 1024 })),
      { name: "http_requests_total", labels: {}, value: 5 },
    ];
    const { documents, warnings } = capScrapedDocuments({ memory, prometheus }, { consumers: 100, agents: 500, prometheusSeries: 200, descriptionChars: 500 });
    expect(documents.prometheus).toHaveLength(200);
    expect(warnings).toEqual(["metrics: 1,000 memory series, over the cap of 200; the first 200 kept, the rest dropped"]);
  });
});
