import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCollector, type Collector } from "@/lib/collector/create-collector";

// Targets that refuse connections: every scrape fails fast and is recorded as down, which is
// all this test needs to see who scraped what, and when.
// Two seconds, so that a claim delayed by a loaded machine is not mistaken for a double scrape.
const INTERVAL_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await db.target.createMany({
    data: Array.from({ length: 6 }, (_, i) => ({ slug: `t${i}`, name: `T${i}`, baseUrl: "http://127.0.0.1:9", scrapeIntervalSeconds: INTERVAL_MS / 1000 })),
  });
});
afterAll(() => db.$disconnect());

async function runTogether(collectors: Collector[], ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await Promise.all(collectors.map((c) => c.tick())); // concurrent claims, as separate replicas make
    await sleep(50);
  }
  await Promise.all(collectors.map((c) => c.drain()));
}

describe("two workers against one database", () => {
  it("scrape each target once per interval, record failures as down, and hand over when one stops", async () => {
    const a = createCollector({ workerId: "worker-a", timeoutMs: 500 });
    const b = createCollector({ workerId: "worker-b", timeoutMs: 500 });
    await runTogether([a, b], 3.2 * INTERVAL_MS);
    const stoppedAt = new Date();
    await runTogether([b], 3 * INTERVAL_MS);

    const scrapes = await db.targetScrape.findMany({ orderBy: [{ targetId: "asc" }, { startedAt: "asc" }] });
    const byTarget = new Map<number, typeof scrapes>();
    for (const s of scrapes) byTarget.set(s.targetId, [...(byTarget.get(s.targetId) ?? []), s]);
    expect(byTarget.size).toBe(6);
    for (const rows of byTarget.values()) {
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < rows.length; i++) {
        const gap = rows[i].startedAt.getTime() - rows[i - 1].startedAt.getTime();
        // A double scrape would land within milliseconds; clock jitter between claim and start is far less than this.
        expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS / 2);
      }
      // After worker A stopped, worker B scraped the target within two intervals.
      const firstByB = rows.find((r) => r.workerId === "worker-b" && r.startedAt >= stoppedAt);
      expect(firstByB).toBeDefined();
      expect(firstByB!.startedAt.getTime() - stoppedAt.getTime()).toBeLessThan(2 * INTERVAL_MS);
      expect(rows.every((r) => !r.ok && /127\.0\.0\.1:9/.test(r.error ?? ""))).toBe(true);
    }
    const targets = await db.target.findMany({ select: { lastScrapeOk: true, lastScrapeError: true, lastSampleAt: true } });
    expect(targets.every((t) => t.lastScrapeOk === false && t.lastScrapeError && t.lastSampleAt === null)).toBe(true);
    expect(await db.metric.count()).toBe(0); // a failed scrape never writes a made-up value
  });
});
