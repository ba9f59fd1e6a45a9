import http from "node:http";
import type { AddressInfo } from "node:net";
import { Registry, collectDefaultMetrics } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCollector } from "@/lib/collector/create-collector";
import { METRIC } from "@/lib/metrics/sample";
import { freePort } from "@/tests/support/free-port";
import { readProcMeminfo, startNodeExporter, type RunningBinary } from "@/tests/support/prometheus-binaries";

// Real exporters over real HTTP: Debian's node_exporter, and prom-client's default metrics
// served by a tiny server in this process (text 0.0.4 and OpenMetrics).
let nodeExporter: RunningBinary;
let promServer: http.Server;
let promUrl = "";
const registry = new Registry();
const openMetricsRegistry = new Registry<typeof Registry.OPENMETRICS_CONTENT_TYPE>();
openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);

beforeAll(async () => {
  nodeExporter = await startNodeExporter();
  collectDefaultMetrics({ register: registry });
  collectDefaultMetrics({ register: openMetricsRegistry });
  promServer = http.createServer(async (request, response) => {
    if (request.url === "/no-memory") return void response.writeHead(200, { "content-type": "text/plain" }).end("# TYPE up gauge\nup 1\n");
    const reg = request.url === "/openmetrics" ? openMetricsRegistry : registry;
    response.writeHead(200, { "content-type": reg.contentType }).end(await reg.metrics());
  });
  await new Promise<void>((resolve) => promServer.listen(0, "127.0.0.1", resolve));
  promUrl = `http://127.0.0.1:${(promServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await nodeExporter?.stop();
  await new Promise((resolve) => promServer?.close(resolve));
  await db.$disconnect();
});

async function scrapeOnce(target: { slug: string; baseUrl: string; preset: string; memoryLimitMb?: number }) {
  const row = await db.target.create({ data: { name: target.slug, kind: "prometheus", memoryLimitSource: "default", ...target } });
  await db.target.updateMany({ where: { id: { not: row.id } }, data: { enabled: false } });
  const collector = createCollector({ timeoutMs: 5_000 });
  const before = readProcMeminfo();
  expect(await collector.tick()).toBe(1);
  await collector.drain();
  const scrape = await db.targetScrape.findFirstOrThrow({ where: { targetId: row.id } });
  const samples = await db.metric.findMany({ where: { targetId: row.id } });
  return { row, scrape, samples, before, after: await db.target.findUniqueOrThrow({ where: { id: row.id } }) };
}

const total = (samples: { metricName: string; labels: string; memoryUsedMb: number }[]) =>
  samples.find((s) => s.metricName === METRIC.systemUsed && s.labels === "")!.memoryUsedMb;

describe("scraping real Prometheus endpoints", () => {
  it("node_exporter: used = MemTotal − MemAvailable within 5 % of /proc/meminfo, and MemTotal becomes the limit", async () => {
    const { scrape, samples, after, before } = await scrapeOnce({ slug: "node", baseUrl: nodeExporter.url, preset: "node-exporter" });
    const afterMeminfo = readProcMeminfo();
    expect(scrape).toMatchObject({ ok: true, error: null });
    // Other processes on this machine allocate meanwhile: the stored figure lies between the two readings, give or take 5 %.
    const [low, high] = [before.totalMb - before.availableMb, afterMeminfo.totalMb - afterMeminfo.availableMb].sort((a, b) => a - b);
    expect(total(samples)).toBeGreaterThan(low * 0.95);
    expect(total(samples)).toBeLessThan(high * 1.05);
    expect(after.memoryLimitMb).toBe(Math.round(before.totalMb));
    expect(after.memoryLimitSource).toBe("reported");
  });

  it("prom-client's default metrics: the resident set as the total, heap figures as components", async () => {
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    const { scrape, samples } = await scrapeOnce({ slug: "prom-client", baseUrl: `${promUrl}/metrics`, preset: "process", memoryLimitMb: 2048 });
    const rssAfter = process.memoryUsage().rss / 1024 / 1024;
    expect(scrape.ok).toBe(true);
    // The endpoint is this very process: its resident set, read by prom-client from /proc/self/stat.
    expect(total(samples)).toBeGreaterThan(Math.min(rssBefore, rssAfter) * 0.95);
    expect(total(samples)).toBeLessThan(Math.max(rssBefore, rssAfter) * 1.05);
    const components = Object.fromEntries(samples.filter((s) => s.metricName === METRIC.componentUsed).map((s) => [s.labels, s.memoryUsedMb]));
    expect(Object.keys(components).sort()).toEqual(['{component="external"}', '{component="heap"}', '{component="other"}']);
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    expect(components['{component="heap"}']).toBeGreaterThan(heapMb * 0.5);
    expect(components['{component="heap"}']).toBeLessThan(heapMb * 2);
  });

  it("reads the same endpoint in OpenMetrics format", async () => {
    const { scrape, samples } = await scrapeOnce({ slug: "openmetrics", baseUrl: `${promUrl}/openmetrics`, preset: "process", memoryLimitMb: 2048 });
    expect(scrape.ok).toBe(true);
    expect(total(samples)).toBeGreaterThan(10);
  });

  it("records why a target is down: nothing listening, or no memory figure in its answer", async () => {
    const refused = await scrapeOnce({ slug: "refused", baseUrl: `http://127.0.0.1:${await freePort()}/metrics`, preset: "process", memoryLimitMb: 2048 });
    expect(refused.scrape.ok).toBe(false);
    expect(refused.scrape.error).toMatch(/connection refused/);
    const empty = await scrapeOnce({ slug: "empty", baseUrl: `${promUrl}/no-memory`, preset: "process", memoryLimitMb: 2048 });
    expect(empty.scrape.ok).toBe(false);
    expect(empty.scrape.error).toMatch(/No process_resident_memory_bytes among the 1 series/);
    expect(empty.samples).toHaveLength(0);
  });
});
