import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/write/route";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { METRIC } from "@/lib/metrics/sample";
import { insertUser } from "@/tests/support/user-fixtures";
import { startNodeExporter, startPrometheus, type RunningBinary } from "@/tests/support/prometheus-binaries";
import { startRouteServer, type RouteServer } from "@/tests/support/route-server";

// A real Prometheus 2.42 scrapes a real node_exporter every second and remote-writes into the
// route handler, mounted on a real HTTP server (as `next start` would serve it).
let headroom: RouteServer;
let nodeExporter: RunningBinary;
let prometheus: RunningBinary;
let targetId = 0;
let token = "";

beforeAll(async () => {
  const target = await db.target.create({ data: { slug: "pushed-node", name: "Pushed node", kind: "push", baseUrl: "", preset: "node-exporter", memoryLimitSource: "default" } });
  targetId = target.id;
  token = (await createIngestToken({ targetId, name: "prometheus", actor: await insertUser("admin") })).token;
  headroom = await startRouteServer({ "/api/v1/write": POST });
  nodeExporter = await startNodeExporter();
  prometheus = await startPrometheus(`
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: node
    static_configs: [{ targets: ["127.0.0.1:${nodeExporter.port}"] }]
remote_write:
  - url: ${headroom.url}/api/v1/write
    authorization: { credentials: ${token} }
    queue_config: { batch_send_deadline: 1s, max_shards: 1, min_backoff: 100ms, max_backoff: 1s }
    write_relabel_configs:
      - source_labels: [__name__]
        regex: node_memory_(MemTotal|MemAvailable)_bytes
        action: keep
`);
}, 60_000);
afterAll(async () => {
  await prometheus?.stop();
  await nodeExporter?.stop();
  await headroom?.close();
  await db.$disconnect();
});

const stored = () => db.metric.findMany({ where: { targetId, metricName: METRIC.systemUsed }, orderBy: { timestamp: "asc" } });

describe("a real Prometheus remote-writes into POST /api/v1/write", () => {
  it("stores one sample per scrape, mapped like a scrape (used = MemTotal − MemAvailable), and a retried batch stores nothing twice", async () => {
    await expect.poll(async () => (await stored()).length, { timeout: 45_000, interval: 500 }).toBeGreaterThanOrEqual(4);
    expect(headroom.answers.length).toBeGreaterThan(0);
    expect(headroom.answers.every((a) => a.status === 204)).toBe(true);

    // Prometheus's own record of what it scraped: one stored sample per scrape timestamp, each once.
    const rows = await stored();
    const query = `${prometheus.url}/api/v1/query?query=${encodeURIComponent("node_memory_MemAvailable_bytes[5m]")}&time=${rows.at(-1)!.timestamp.getTime() / 1000}`;
    const answer = (await (await fetch(query)).json()) as { data: { result: { values: [number, string][] }[] } };
    const scraped = answer.data.result[0].values.map(([t]) => Math.round(t * 1000));
    const storedTimes = rows.map((r) => r.timestamp.getTime());
    expect(storedTimes).toEqual(scraped.filter((t) => t >= storedTimes[0] && t <= storedTimes.at(-1)!));
    const totalMb = (await db.target.findUniqueOrThrow({ where: { id: targetId } })).memoryLimitMb;
    const last = answer.data.result[0].values.at(-1)!;
    expect(rows.at(-1)!.memoryUsedMb).toBeCloseTo(totalMb - Number(last[1]) / 1024 / 1024, 0);

    const target = await db.target.findUniqueOrThrow({ where: { id: targetId } });
    expect(target.memoryLimitSource).toBe("reported");

    // Prometheus retries a batch it got no answer for: the same body again stores nothing.
    const count = await db.metric.count({ where: { targetId } });
    const replay = await fetch(`${headroom.url}/api/v1/write`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" },
      body: new Uint8Array(headroom.answers[0].body),
    });
    expect(replay.status).toBe(204);
    expect(replay.headers.get("x-headroom-stored")).toBe("0");
    expect(Number(replay.headers.get("x-headroom-duplicates"))).toBeGreaterThan(0);
    expect(await db.metric.count({ where: { targetId } })).toBe(count);
  });
});
