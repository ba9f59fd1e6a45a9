import { benchAdmin } from "@/bench/bench-admin";
import path from "node:path";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { MAX_SAMPLES } from "@/lib/ingest/parse-ingest-body";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { generateMemoryShape } from "@/bench/memory-shape";
import type { HeadroomWeb } from "@/bench/headroom-web";
import { interleave } from "@/bench/interleave";
import { startPrometheus, toOpenMetrics, type PrometheusServer } from "@/bench/prometheus-server";
import { measureStorage } from "@/bench/measure-storage";
import { cpuPerRequest, groupCpuSeconds, treeCpuSeconds } from "@/bench/process-cpu";

const STEP_MS = 15_000;
const DAYS = 12;
const POINTS = 600;
const METRIC = "freeagentics_system_memory_usage_bytes";
// RSS is counted in 4 KiB pages; an exporter reports whole bytes.
const bytesOf = (p: MemoryPoint) => Math.round((p.valueMb * 1024 * 1024) / 4096) * 4096;

async function ingestOverHttp(web: HeadroomWeb, token: string, points: MemoryPoint[]): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < points.length; i += MAX_SAMPLES) {
    // Exactly the values Prometheus gets (whole bytes), in MB as the JSON batch carries them.
    const samples = points.slice(i, i + MAX_SAMPLES).map((p) => ({ metric: "system.memory.used", timestamp: p.t, value: bytesOf(p) / 1024 / 1024 }));
    const response = await fetch(`${web.url}/api/v1/ingest`, { method: "POST", body: JSON.stringify({ samples }), headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
    if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  }
  return (performance.now() - start) / 1000;
}

async function get(url: string, headers?: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

/**
 * The same 12-day series at 15 s in Headroom (through its ingest API) and in Prometheus
 * (promtool backfill), read over HTTP at ~600 points for 1 h, 24 h and the whole 12 days,
 * interleaved. Prometheus reads max_over_time at the step so spikes survive, as our rollup maxima do.
 */
/**
 * `viaNext`, when given, is a second web server running `next start` alone: the same read
 * through Next's route, interleaved with the others (before and after the direct path).
 */
export async function benchVsPrometheus(options: { web: HeadroomWeb; viaNext?: HeadroomWeb; postmasterPid: number | null; rounds?: number; log: (line: string) => void }) {
  const { web, log } = options;
  const rounds = options.rounds ?? 200;
  await db.$executeRawUnsafe("TRUNCATE metrics, metric_rollups_5m");
  const end = Math.floor((Date.now() - 60_000) / STEP_MS) * STEP_MS;
  const points = generateMemoryShape({ endMs: end, days: DAYS, stepMs: STEP_MS });
  const target = await db.target.create({ data: { slug: "bench-vs-prometheus", name: "vs Prometheus", baseUrl: "http://127.0.0.1:9", enabled: false, memoryLimitMb: 4096 } });
  const { token } = await createIngestToken({ targetId: target.id, name: "bench", actor: await benchAdmin() });

  // Prometheus backfills and compacts (about a minute) while Headroom ingests.
  const started = startPrometheus({ workDir: path.resolve(".data/bench-prometheus"), openMetrics: toOpenMetrics(METRIC, points, bytesOf), log });
  let prometheus: PrometheusServer | null = null;
  try {
    const ingestSeconds = await ingestOverHttp(web, token, points);
    await db.$executeRawUnsafe("VACUUM ANALYZE metrics");
    await db.$executeRawUnsafe("VACUUM ANALYZE metric_rollups_5m");
    await db.$executeRawUnsafe("VACUUM ANALYZE memory_rollups_1m");
    prometheus = await started;

    const first = points[0].t;
    const windows = { "1h": 3_600_000, "24h": 86_400_000, [`${DAYS}d`]: end - first } as Record<string, number>;
    const results: Record<string, unknown> = {};
    let met = true;
    for (const [label, span] of Object.entries(windows)) {
      const from = end - span;
      const stepS = Math.max(1, Math.round(span / POINTS / 1000));
      const ours = `${web.url}/api/v1/targets/${target.slug}/memory?from=${from}&to=${end}&points=${POINTS}`;
      const query = encodeURIComponent(`max_over_time(${METRIC}[${stepS}s])`);
      const theirs = `${prometheus.url}/api/v1/query_range?query=${query}&start=${from / 1000}&end=${end / 1000}&step=${stepS}`;
      const auth = { authorization: `Bearer ${token}` };
      const oursBody = JSON.parse(await get(ours, auth)) as { source: string; points: { v: number }[] };
      const theirsBody = JSON.parse(await get(theirs)) as { data: { result: { values: [number, string][] }[] } };
      const theirValues = theirsBody.data.result[0]?.values ?? [];
      const oursViaNext = options.viaNext ? ours.replace(web.url, options.viaNext.url) : null;
      const timing = await interleave({
        rounds,
        warmup: 10,
        contenders: { headroom: () => get(ours, auth), prometheus: () => get(theirs), ...(oursViaNext ? { headroom_via_next: () => get(oursViaNext, auth) } : {}) } as Record<"headroom" | "prometheus" | "headroom_via_next", () => Promise<string>>,
      });
      const ratio = Math.round((timing.headroom.p95 / timing.prometheus.p95) * 100) / 100;
      const headroomCpu = () => groupCpuSeconds(web.pid) + (options.postmasterPid ? treeCpuSeconds(options.postmasterPid) : 0);
      const headroomCpuMs = await cpuPerRequest(200, () => get(ours, auth), headroomCpu);
      const prometheusCpuMs = await cpuPerRequest(200, () => get(theirs), () => groupCpuSeconds(prometheus!.pid));
      const viaNext = options.viaNext;
      const viaNextCpuMs =
        viaNext && oursViaNext ? await cpuPerRequest(200, () => get(oursViaNext, auth), () => groupCpuSeconds(viaNext.pid) + (options.postmasterPid ? treeCpuSeconds(options.postmasterPid) : 0)) : null;
      met &&= timing.headroom.p95 <= timing.prometheus.p95;
      results[label] = {
        step_s: stepS,
        headroom_source: oursBody.source,
        headroom_points: oursBody.points.length,
        prometheus_points: theirValues.length,
        // Both must keep the window's peak: a chart that hides a spike is wrong, however fast.
        headroom_peak_mb: Math.max(...oursBody.points.map((p) => p.v)),
        prometheus_peak_mb: Math.round((Math.max(...theirValues.map(([, v]) => Number(v))) / 1024 / 1024) * 100) / 100,
        headroom_p50_ms: timing.headroom.p50,
        headroom_p95_ms: timing.headroom.p95,
        prometheus_p50_ms: timing.prometheus.p50,
        prometheus_p95_ms: timing.prometheus.p95,
        p95_ratio: ratio,
        headroom_cpu_ms_per_request: headroomCpuMs,
        prometheus_cpu_ms_per_request: prometheusCpuMs,
        ...(viaNextCpuMs !== null ? { via_next_p50_ms: timing.headroom_via_next.p50, via_next_p95_ms: timing.headroom_via_next.p95, via_next_cpu_ms_per_request: viaNextCpuMs } : {}),
      };
    }
    // The floor under every series read: a route that does one `SELECT 1` through the same server.
    const healthCpuMs = await cpuPerRequest(200, () => get(`${web.url}/api/health`), () => groupCpuSeconds(web.pid));
    const storage = await measureStorage({ targetId: target.id, prometheusDataDir: prometheus.dataDir });
    return [
      { bench: "vs-prometheus", samples: points.length, days: DAYS, step_s: STEP_MS / 1000, rounds, windows: results, headroom_health_route_cpu_ms_per_request: healthCpuMs, goal: "Headroom p95 <= Prometheus p95 on every window", met },
      { bench: "ingest-http-load", what: "the same series pushed through POST /api/v1/ingest (JSON, 10,000 samples per request, one client)", samples: points.length, seconds: Math.round(ingestSeconds * 100) / 100, samples_per_s: Math.round(points.length / ingestSeconds) },
      { bench: "storage", ...storage },
    ];
  } finally {
    await (prometheus ?? (await started.catch(() => null)))?.close();
  }
}
