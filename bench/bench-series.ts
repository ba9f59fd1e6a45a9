import { db } from "@/lib/db";
import { getTargetView } from "@/lib/console/get-target-view";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { refreshRollups, ROLLUP_REDO_WINDOW_MS } from "@/lib/metrics/refresh-rollups";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { timeRuns, withPg } from "@/bench/bench-database";

const DAY = 86_400_000;
const STEP = 15_000;
const COMPONENTS = ["api_service", "agent_system", "database", "cache", "redis"];
const RANGES = { "1h": 3_600_000, "24h": DAY, "30d": 30 * DAY } as const;

async function fill(targetId: number, days: number, now: number, withComponents: boolean) {
  for (let day = 0; day < days; day++) {
    const batch: StoredSample[] = [];
    for (let t = now - (day + 1) * DAY + STEP; t <= now - day * DAY; t += STEP) {
      const base = 2000 + 800 * Math.sin(t / 3.6e6) + ((t / STEP) % 7) * 3;
      batch.push({ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(t), valueMb: base });
      if (withComponents) {
        COMPONENTS.forEach((component, i) =>
          batch.push({ targetId, metricName: METRIC.componentUsed, labels: formatLabels({ component }), timestamp: new Date(t), valueMb: base / (i + 2) }),
        );
      }
    }
    await writeSamples({ samples: batch });
  }
}

/** A target with 30 days at 15 s, 50 other targets with a day each; series and page reads timed. */
export async function benchSeriesAndPage(url: string) {
  const now = Date.now();
  const main = await db.target.create({ data: { slug: "bench-main", name: "Main", baseUrl: "http://127.0.0.1:9" } });
  const setupStart = performance.now();
  await fill(main.id, 30, now, true);
  for (let i = 0; i < 50; i++) {
    const other = await db.target.create({ data: { slug: `bench-other-${i}`, name: `Other ${i}`, baseUrl: "http://127.0.0.1:9" } });
    await fill(other.id, 1, now, false);
  }
  await refreshRollups({ from: new Date(now - 31 * DAY), to: new Date(now + 1) });
  await db.$executeRawUnsafe("VACUUM ANALYZE metrics");
  await db.$executeRawUnsafe("VACUUM ANALYZE metric_rollups_5m");
  const setupSeconds = Math.round((performance.now() - setupStart) / 100) / 10;
  const rawRows = await db.metric.count({ where: { targetId: main.id, metricName: METRIC.systemUsed } });

  const series: Record<string, unknown> = {};
  await withPg(url, async (client) => {
    for (const [label, span] of Object.entries(RANGES)) {
      const from = new Date(now - span);
      const to = new Date(now);
      const ours = await timeRuns(100, () => readMemorySeries({ targetId: main.id, from, to, maxPoints: 600, now: to }));
      const { source } = await readMemorySeries({ targetId: main.id, from, to, maxPoints: 600, now: to });
      const raw = `SELECT "timestamp", memory_used_mb FROM metrics WHERE target_id = $1 AND metric_name = 'system.memory.used' AND labels = '' AND "timestamp" >= $2 AND "timestamp" <= $3`;
      // The same rows the minute path reads: settled minute maxima, then raw samples of the redo window.
      const settled = new Date(Math.floor((now - ROLLUP_REDO_WINDOW_MS) / 60_000) * 60_000);
      const sql = {
        raw: `${raw} ORDER BY "timestamp"`,
        rollup_1m: `SELECT bucket, max_mb FROM memory_rollups_1m WHERE target_id = $1 AND bucket >= $2 AND bucket <= $3 AND bucket < $4
          UNION ALL SELECT "timestamp", memory_used_mb FROM metrics WHERE target_id = $1 AND metric_name = 'system.memory.used' AND labels = '' AND "timestamp" >= $4 AND "timestamp" <= $3 ORDER BY 1`,
        rollup: `SELECT bucket, max_mb FROM metric_rollups_5m WHERE target_id = $1 AND metric_name = 'system.memory.used' AND labels = '' AND bucket >= $2 AND bucket <= $3 ORDER BY bucket`,
      }[source];
      const bare = await timeRuns(100, () => client.query(sql, source === "rollup_1m" ? [main.id, from, to, settled] : [main.id, from, to]));
      series[label] = { source, p50_ms: ours.p50, p95_ms: ours.p95, bare_sql_p50_ms: bare.p50, bare_sql_p95_ms: bare.p95, p95_ratio: Math.round((ours.p95 / bare.p95) * 100) / 100 };
    }
  });

  await db.targetSnapshot.create({
    data: {
      targetId: main.id,
      kind: "top",
      capturedAt: new Date(now),
      payload: {
        timestamp: new Date(now).toISOString(),
        used_mb: 2000,
        consumers: COMPONENTS.map((component, i) => ({ name: `${component}.main`, component, memory_mb: 100 * (i + 1), percent: 2, count: null, description: "bench" })),
      },
    },
  });
  const page: Record<string, unknown> = {};
  for (const range of ["1h", "24h", "30d"] as const) {
    const timing = await timeRuns(30, () => getTargetView({ slug: main.slug, range, now: new Date(now) }));
    page[range] = { p50_ms: timing.p50, p95_ms: timing.p95 };
  }
  return [
    { bench: "series", raw_rows_main_target: rawRows, other_targets: 50, setup_s: setupSeconds, ranges: series, target_p95_ms: 50, target_ratio: 1.5 },
    { bench: "page", what: "getTargetView (everything the target page's server response computes)", ranges: page, target_p95_ms: 200 },
  ];
}
