import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyTestDatabase } from "@/tests/support/tcp-proxy";
import { startTargetServer, type TargetServer } from "@/simulator/server";

// About 230 samples per scrape of the steady simulator. The collector reaches the real test database through a proxy that the test cuts (every
// connection reset, the port refusing) for a few seconds, as when PostgreSQL is killed.
const proxy = await proxyTestDatabase();

const { db } = await import("@/lib/db");
const { createCollector } = await import("@/lib/collector/create-collector");
const { METRIC } = await import("@/lib/metrics/sample");

// Three seconds: wide enough that a busy machine's tick jitter (up to 1.6 s seen at load 10 with
// two seconds) is not mistaken for a lost sample.
const INTERVAL_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let servers: TargetServer[] = [];
// A target answering garbage with NUL bytes: its parse error quotes them, and PostgreSQL text
// cannot hold NUL. Its failures must be stored like any other, and never take others with them.
const garbage = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("\u0000\u0001 not json"));

beforeAll(async () => {
  servers = await Promise.all([1, 2].map((seed) => startTargetServer({ port: 0, scenario: "steady", seed, historyMs: 3_600_000 })));
  await new Promise<void>((resolve) => garbage.listen(0, "127.0.0.1", resolve));
  const garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
  await db.target.createMany({
    data: [...servers.map((s) => s.url), garbageUrl].map((baseUrl, i) => ({ slug: `t${i}`, name: `T${i}`, baseUrl, scrapeIntervalSeconds: INTERVAL_MS / 1000 })),
  });
});
afterAll(async () => {
  garbage.close();
  await Promise.all(servers.map((s) => s.close()));
  await db.$disconnect();
  await proxy.close();
});

/** Ticks like the worker does, with the database cut for `downMs` in the middle. */
async function collectAcrossOutage(options: { upMs: number; downMs: number; bufferMaxSamples?: number }) {
  const lines: string[] = [];
  const collector = createCollector({ workerId: "outage-test", timeoutMs: 800, bufferMaxSamples: options.bufferMaxSamples, log: (l) => lines.push(l) });
  const run = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await collector.tick();
      await sleep(100);
    }
  };
  await run(options.upMs);
  const cutAt = new Date();
  await proxy.cut();
  await run(options.downMs);
  const restoredAt = new Date();
  await proxy.restore();
  await run(options.upMs);
  await collector.drain();
  return { lines, cutAt, restoredAt };
}

const samplesOf = async (slug: string) =>
  (await db.metric.findMany({ where: { target: { slug }, metricName: METRIC.systemUsed, labels: "" }, orderBy: { timestamp: "asc" }, select: { timestamp: true } })).map((m) => m.timestamp.getTime());
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe("the collector while the database is down", { timeout: 90_000 }, () => {
  it("keeps scraping on schedule, buffers, writes everything once the database is back, and says so in two lines", async () => {
    const { lines, cutAt, restoredAt } = await collectAcrossOutage({ upMs: 6_500, downMs: 11_000 });
    for (const slug of ["t0", "t1"]) {
      const times = await samplesOf(slug);
      expect(times.filter((t) => t > cutAt.getTime() && t < restoredAt.getTime()).length, slug).toBeGreaterThanOrEqual(3);
      // None lost (no gap of two intervals), none doubled (no two scrapes within half an interval).
      for (const gap of gaps(times)) {
        expect(gap, slug).toBeLessThan(1.75 * INTERVAL_MS);
        expect(gap, slug).toBeGreaterThan(0.5 * INTERVAL_MS);
      }
      const target = await db.target.findUniqueOrThrow({ where: { slug } });
      expect(target.lastSampleAt!.getTime()).toBe(times.at(-1));
      expect(await db.targetScrape.count({ where: { targetId: target.id } })).toBe(times.length);
      // The samples written late are in the rollups too (no maintenance runs in this test).
      const [{ late, uncounted }] = await db.$queryRaw<{ late: number; uncounted: number }[]>`
        SELECT count(*)::int AS late, count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM memory_rollups_1m r WHERE r.target_id = m.target_id
            AND r.bucket = date_bin('1 minute', m."timestamp", TIMESTAMPTZ '2000-01-01 00:00:00+00') AND r.max_mb >= m.memory_used_mb))::int AS uncounted
        FROM metrics m WHERE m.target_id = ${target.id} AND m.metric_name = ${METRIC.systemUsed} AND m.labels = ''
          AND m."timestamp" > ${cutAt} AND m."timestamp" < ${restoredAt}`;
      expect(late, slug).toBeGreaterThanOrEqual(3);
      expect(uncounted, slug).toBe(0);
    }
    const down = lines.filter((l) => l.startsWith("database unreachable"));
    const back = lines.filter((l) => l.startsWith("database back"));
    expect(down).toHaveLength(1);
    expect(down[0]).toMatch(/keeps scraping the 3 target\(s\) it held/);
    expect(back).toHaveLength(1);
    const [, buffered, written, dropped] = /: (\d+) samples buffered, (\d+) written, (\d+) dropped/.exec(back[0])!.map(Number);
    expect(buffered).toBeGreaterThan(0);
    expect(written).toBe(buffered);
    expect(dropped).toBe(0);
    expect(lines.filter((l) => !/^database (unreachable|back)/.test(l))).toEqual([]);
    const failures = await db.targetScrape.findMany({ where: { target: { slug: "t2" } }, orderBy: { startedAt: "asc" } });
    expect(failures.filter((f) => f.startedAt > cutAt && f.startedAt < restoredAt).length).toBeGreaterThanOrEqual(3);
    expect(failures.every((f) => !f.ok && /is not valid JSON/.test(f.error ?? "") && !f.error!.includes("\u0000"))).toBe(true);
  });

  it("keeps at most the bound, dropping the oldest scrapes and counting them", async () => {
    // 500 samples: about two scrapes of one simulator, so a busy machine that scrapes only four
    // or five times during the 9 s outage still overflows it (1,000 sometimes did not).
    await db.target.updateMany({ data: { nextScrapeAt: new Date() } });
    const { lines, cutAt, restoredAt } = await collectAcrossOutage({ upMs: 2_500, downMs: 9_000, bufferMaxSamples: 500 });
    expect(lines.filter((l) => l.startsWith("outage buffer full (500 samples)"))).toHaveLength(1);
    const [, buffered, written, dropped] = /: (\d+) samples buffered, (\d+) written, (\d+) dropped/.exec(lines.find((l) => l.startsWith("database back"))!)!.map(Number);
    expect(dropped).toBeGreaterThan(0);
    expect(written).toBe(buffered - dropped);
    expect(written).toBeLessThanOrEqual(500);
    // What survived is the end of the outage: the oldest went first.
    const during = (await samplesOf("t0")).filter((t) => t > cutAt.getTime() && t < restoredAt.getTime());
    expect(during.length).toBeGreaterThan(0);
    expect(Math.min(...during) - cutAt.getTime()).toBeGreaterThan(INTERVAL_MS);
  });
});
