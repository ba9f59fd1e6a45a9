import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCollector } from "@/lib/collector/create-collector";
import { getTargetView } from "@/lib/console/get-target-view";
import { METRIC } from "@/lib/metrics/sample";
import { startHostileTarget, type HostileTarget } from "@/tests/faults/hostile-target";

// The fault suite's hostile target over real HTTP, scraped by the real collector into real
// PostgreSQL: its first answer has 3,000 consumers and 3,000 agent ids, its fourth a 24 MB body.
let hostile: HostileTarget;
let targetId: number;
beforeAll(async () => {
  hostile = await startHostileTarget();
  targetId = (await db.target.create({ data: { slug: "hostile-caps", name: "Hostile", baseUrl: hostile.url } })).id;
});
afterAll(async () => {
  await hostile.close();
  await db.$disconnect();
});

const seriesCount = async () => (await db.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT (metric_name, labels)) AS n FROM metrics WHERE target_id = ${targetId}`)[0].n;

async function scrapeOnce() {
  await db.target.update({ where: { id: targetId }, data: { nextScrapeAt: new Date(0) } });
  const collector = createCollector({ timeoutMs: 2_000 });
  await collector.tick();
  await collector.drain();
}

describe("one target cannot drown collection", () => {
  it("a high-cardinality answer is cut to the caps, summed as other, and the page says so", async () => {
    await scrapeOnce();
    expect(hostile.scrapes().cardinality).toBe(1);
    // 1 total + 5 components + 100 consumers + 5 "other" + 501 agents x 2 (not 9,006).
    expect(Number(await seriesCount())).toBeLessThanOrEqual(1 + 5 + 105 + 1002);
    const other = await db.metric.findFirst({ where: { targetId, metricName: METRIC.agentUsed, labels: '{agent_id="other"}' } });
    expect(other?.memoryUsedMb).toBeCloseTo(2_500 * 0.1, 6);
    const view = await getTargetView({ slug: "hostile-caps", range: "1h", now: new Date() });
    expect(view.target.scrapeWarning).toContain("3,000 consumers, over the cap of 100");
    expect(view.target.scrapeWarning).toContain("3,000 agents, over the cap of 500");
    const snapshot = await db.targetSnapshot.findUniqueOrThrow({ where: { targetId_kind: { targetId, kind: "agents" } } });
    expect((snapshot.payload as { agents: unknown[]; count: number }).agents).toHaveLength(500);
    expect((snapshot.payload as { count: number }).count).toBe(3_000);
  });

  it("an oversized answer is not read, and its scrape still stores the memory figures", async () => {
    // Past the slow and garbage answers to the oversized one.
    while (hostile.scrapes().oversized === 0) await scrapeOnce();
    const scrape = await db.targetScrape.findFirstOrThrow({ where: { targetId }, orderBy: { startedAt: "desc" } });
    expect(scrape.ok).toBe(true);
    expect(scrape.error).toContain("memory/top: The target's answer to GET /api/v1/monitoring/memory/top is larger than 8 MiB; it was not read.");
    const view = await getTargetView({ slug: "hostile-caps", range: "1h", now: new Date() });
    expect(view.target.scrapeWarning).toContain("larger than 8 MiB");
  });
});
