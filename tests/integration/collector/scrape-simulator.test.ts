import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCollector } from "@/lib/collector/create-collector";
import { backfillHistory } from "@/lib/collector/backfill-history";
import { METRIC } from "@/lib/metrics/sample";
import { startTargetServer, type TargetServer } from "@/simulator/server";

// The real simulator over real HTTP: one healthy, one whose memory endpoint is slow.
let healthy: TargetServer;
let slow: TargetServer;

async function addFault(server: TargetServer, fault: object) {
  const response = await fetch(`${server.url}/_control/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  healthy = await startTargetServer({ port: 0, scenario: "leak", seed: 7, historyMs: 3 * 3_600_000 });
  slow = await startTargetServer({ port: 0, scenario: "steady", seed: 8, historyMs: 3_600_000 });
  await db.target.createMany({
    data: [
      { slug: "healthy", name: "Healthy", baseUrl: healthy.url },
      { slug: "slow", name: "Slow", baseUrl: slow.url },
    ],
  });
});
afterAll(async () => {
  await Promise.all([healthy.close(), slow.close()]);
  await db.$disconnect();
});

const targetId = async (slug: string) => (await db.target.findUniqueOrThrow({ where: { slug } })).id;

describe("collecting from the simulator", () => {
  it("stores memory, components, consumers, agents, operations and snapshots; a slow target delays no one", async () => {
    await addFault(slow, { kind: "slow", endpoint: "/api/v1/monitoring/memory", delay_ms: 8_000 });
    // A generous timeout, so that a loaded CI machine still records the healthy scrape inside it.
    const collector = createCollector({ timeoutMs: 3_000 });
    expect(await collector.tick()).toBe(2);
    const started = Date.now();
    const healthyId = await targetId("healthy");
    // The healthy target's scrape is recorded while the slow one is still waiting on its timeout.
    await expect.poll(() => db.targetScrape.count({ where: { targetId: healthyId } }), { timeout: 2_900, interval: 25 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);
    // Read back now, moments after the scrape: waiting for the slow target would let the model move.
    const memory = await (await fetch(`${healthy.url}/api/v1/monitoring/memory`)).json();
    await collector.drain();

    const scrape = await db.targetScrape.findFirstOrThrow({ where: { targetId: healthyId } });
    expect(scrape.ok).toBe(true);
    const names = await db.metric.groupBy({ by: ["metricName"], where: { targetId: healthyId }, _count: true });
    const counts = Object.fromEntries(names.map((n) => [n.metricName, n._count]));
    expect(counts[METRIC.systemUsed]).toBe(1);
    expect(counts[METRIC.componentUsed]).toBe(5);
    expect(counts[METRIC.consumerUsed]).toBeGreaterThan(5);
    expect(counts[METRIC.agentUsed]).toBeGreaterThan(10);
    const stored = await db.metric.findFirstOrThrow({ where: { targetId: healthyId, metricName: METRIC.systemUsed } });
    expect(Math.abs(stored.memoryUsedMb - memory.used_mb)).toBeLessThan(200); // the same service, moments apart
    const kinds = (await db.targetSnapshot.findMany({ where: { targetId: healthyId } })).map((s) => s.kind).sort();
    expect(kinds).toEqual(["agents", "lifecycle", "memory", "operations", "top", "websocket"]);
    expect(await db.operationMetric.count({ where: { targetId: healthyId } })).toBeGreaterThan(0);

    const slowId = await targetId("slow");
    const failed = await db.targetScrape.findFirstOrThrow({ where: { targetId: slowId } });
    expect(failed).toMatchObject({ ok: false });
    expect(failed.error).toMatch(/did not answer GET \/api\/v1\/monitoring\/memory within 3000 ms/);
    expect(await db.metric.count({ where: { targetId: slowId } })).toBe(0);
  });

  it("records a partial scrape when a secondary endpoint fails, keeping the memory figures", async () => {
    await fetch(`${slow.url}/_control/faults`, { method: "DELETE" });
    await addFault(slow, { kind: "malformed", endpoint: "/api/v1/monitoring/websocket/stats" });
    await db.target.updateMany({ data: { nextScrapeAt: new Date(0) } });
    const collector = createCollector({ timeoutMs: 2_000 });
    await collector.tick();
    await collector.drain();
    const slowId = await targetId("slow");
    const latest = await db.targetScrape.findFirstOrThrow({ where: { targetId: slowId }, orderBy: { startedAt: "desc" } });
    expect(latest.ok).toBe(true);
    expect(latest.error).toMatch(/^partial: websocket\/stats: .*is not valid JSON/);
    expect(await db.metric.count({ where: { targetId: slowId, metricName: METRIC.systemUsed } })).toBe(1);
  });

  it("backfills history from the simulator's model in one call", async () => {
    const other = await db.target.create({ data: { slug: "backfilled", name: "B", baseUrl: healthy.url } });
    const written = await backfillHistory({ targetId: other.id, baseUrl: healthy.url, duration: "1h" });
    const history = await (await fetch(`${healthy.url}/_control/history?duration=1h&step=15s`)).json();
    expect(history.samples.length).toBeGreaterThanOrEqual(239); // an hour at 15 s
    expect(written).toBe(history.samples.length * 6); // the total and five components per sample
    expect(await db.metricRollup5m.count({ where: { targetId: other.id, metricName: METRIC.systemUsed } })).toBeGreaterThanOrEqual(12);
  });
});
