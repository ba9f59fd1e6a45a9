import path from "node:path";
import { db } from "@/lib/db";
import { percentile } from "@/bench/bench-database";
import { startBenchChild } from "@/bench/bench-child";
import { groupCpuSeconds, machineCpu, treeCpuSeconds } from "@/bench/process-cpu";
import { stopChild, type Child } from "@/supervisor/children";
import { freePort } from "@/tests/support/free-port";

const INTERVAL_S = 15;
const tsx = path.resolve("node_modules/.bin/tsx");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUp(url: string) {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

async function startWorkers(count: number, databaseUrl: string): Promise<Child[]> {
  const workers: Child[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    // BENCH_PROFILE_DIR: each worker writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    // Node itself with tsx's loader (not the tsx CLI, which would add a parent process).
    const child = startBenchChild(`worker-${i}`, process.execPath, [...profile, "--import", "tsx", "--conditions=react-server", "bench/collect-worker.ts"], { ...process.env, DATABASE_URL: databaseUrl });
    ready.push(new Promise((resolve) => child.process.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve())));
    workers.push(child);
  }
  await Promise.all(ready);
  return workers;
}

type ScrapeRow = { target_id: number; started_at: Date; duration_ms: number; ok: boolean };

/**
 * Schedule quality over whole intervals: per target, its scrapes in the window counted against
 * the intervals (once each: no double, no miss), how late each started after its due time, and
 * how long each took.
 */
function analyse(rows: ScrapeRow[], phases: Map<number, number>, windowStart: number, intervals: number) {
  const byTarget = new Map<number, number[]>();
  const lags: number[] = [];
  const durations: number[] = [];
  let failed = 0;
  for (const row of rows) {
    const t = row.started_at.getTime();
    byTarget.set(row.target_id, [...(byTarget.get(row.target_id) ?? []), t]);
    lags.push((((t - phases.get(row.target_id)!) % (INTERVAL_S * 1000)) + INTERVAL_S * 1000) % (INTERVAL_S * 1000));
    durations.push(row.duration_ms);
    if (!row.ok) failed++;
  }
  let exactlyOnce = 0;
  let doubles = 0;
  let misses = 0;
  for (const [id, phase] of phases) {
    // Slots per target start at its own due times, so a scrape never straddles two slots.
    const first = phase + Math.ceil((windowStart - phase) / (INTERVAL_S * 1000)) * INTERVAL_S * 1000;
    const slots = new Array<number>(intervals).fill(0);
    for (const t of byTarget.get(id) ?? []) {
      const slot = Math.floor((t - first) / (INTERVAL_S * 1000));
      if (slot >= 0 && slot < intervals) slots[slot]++;
    }
    doubles += slots.filter((n) => n > 1).length;
    misses += slots.filter((n) => n === 0).length;
    if (slots.every((n) => n === 1)) exactlyOnce++;
  }
  lags.sort((a, b) => a - b);
  durations.sort((a, b) => a - b);
  return { exactlyOnce, doubles, misses, failed, lags, durations };
}

async function runFleet(options: { targets: number; workers: number; intervals: number; simulatorUrls: string[]; simulators: Child[]; databaseUrl: string; postmasterPid: number | null }) {
  await db.$executeRawUnsafe("TRUNCATE target_scrapes, metrics, metric_rollups_5m, operation_metrics, target_snapshots");
  await db.target.deleteMany({ where: { slug: { startsWith: "collect-" } } });
  await db.target.updateMany({ data: { enabled: false } });
  await db.target.createMany({
    data: Array.from({ length: options.targets }, (_, i) => ({
      slug: `collect-${i}`, name: `Collect ${i}`, baseUrl: options.simulatorUrls[i % options.simulatorUrls.length], scrapeIntervalSeconds: INTERVAL_S, enabled: false,
    })),
  });
  const workers = await startWorkers(options.workers, options.databaseUrl);
  try {
    // Due times spread over the interval, as a fleet added over time is; all due at once is the
    // first start's burst, which the first interval (not measured) absorbs.
    const start = Date.now() + 1_000;
    await db.$executeRaw`
      UPDATE targets SET enabled = true,
        next_scrape_at = ${new Date(start)}::timestamptz + make_interval(secs => ${INTERVAL_S}::float8 * (substring(slug from 9)::int) / ${options.targets})
      WHERE slug LIKE 'collect-%'`;
    const phases = new Map((await db.target.findMany({ where: { slug: { startsWith: "collect-" } }, select: { id: true, nextScrapeAt: true } })).map((t) => [t.id, t.nextScrapeAt.getTime()]));
    const windowStart = start + INTERVAL_S * 1000;
    const windowEnd = windowStart + options.intervals * INTERVAL_S * 1000;
    await sleep(windowStart - Date.now());
    const cpuBefore = workers.map((w) => groupCpuSeconds(w.process.pid!));
    const simulatorCpuBefore = options.simulators.map((w) => groupCpuSeconds(w.process.pid!));
    const postgresCpuBefore = options.postmasterPid ? treeCpuSeconds(options.postmasterPid) : 0;
    const machineBefore = machineCpu();
    await sleep(windowEnd - Date.now());
    const workerCpu = workers.reduce((sum, w, i) => sum + groupCpuSeconds(w.process.pid!) - cpuBefore[i], 0);
    const simulatorCpu = options.simulators.reduce((sum, w, i) => sum + groupCpuSeconds(w.process.pid!) - simulatorCpuBefore[i], 0);
    const postgresCpu = options.postmasterPid ? treeCpuSeconds(options.postmasterPid) - postgresCpuBefore : null;
    const machineAfter = machineCpu();
    // Scrapes due before the window's end may still be running: let them finish before counting.
    await sleep(6_000);
    const rows = await db.$queryRaw<ScrapeRow[]>`
      SELECT s.target_id, s.started_at, s.duration_ms, s.ok FROM target_scrapes s JOIN targets t ON t.id = s.target_id
      WHERE t.slug LIKE 'collect-%' AND s.started_at >= ${new Date(windowStart - INTERVAL_S * 1000)} AND s.started_at < ${new Date(windowEnd + INTERVAL_S * 1000)}`;
    const a = analyse(rows, phases, windowStart, options.intervals);
    const inWindow = rows.filter((r) => r.started_at.getTime() >= windowStart && r.started_at.getTime() < windowEnd).length;
    const samples = await db.metric.count();
    const busy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
    const result = {
      bench: "collect",
      targets: options.targets,
      workers: options.workers,
      simulator_processes: options.simulatorUrls.length,
      interval_s: INTERVAL_S,
      intervals_measured: options.intervals,
      scrapes_expected: options.targets * options.intervals,
      scrapes_in_window: inWindow,
      targets_scraped_exactly_once_per_interval: a.exactlyOnce,
      double_scrapes: a.doubles,
      missed_intervals: a.misses,
      failed_scrapes: a.failed,
      start_lag_p50_ms: Math.round(percentile(a.lags, 50)),
      start_lag_p95_ms: Math.round(percentile(a.lags, 95)),
      scrape_duration_p50_ms: percentile(a.durations, 50),
      scrape_duration_p95_ms: percentile(a.durations, 95),
      worker_cpu_ms_per_scrape: inWindow > 0 ? Math.round((workerCpu * 1000) / inWindow) : null,
      // The simulated targets run on the same two cores: what they take is not the collector's.
      simulator_cpu_ms_per_scrape: inWindow > 0 ? Math.round((simulatorCpu * 1000) / inWindow) : null,
      postgres_cpu_ms_per_scrape: inWindow > 0 && postgresCpu !== null ? Math.round((postgresCpu * 1000) / inWindow) : null,
      machine_cpu_busy_pct: Math.round(busy * 100),
      samples_stored: samples,
      goal: "every target scraped once per interval (no double, no miss), started within its interval",
    };
    return { ...result, met: a.doubles === 0 && a.misses === 0 && a.exactlyOnce === options.targets && result.start_lag_p95_ms < INTERVAL_S * 1000 };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w)));
  }
}

/**
 * Collection across worker processes sharing one database, against simulator processes over
 * real HTTP: each fleet size with each number of workers, a few whole 15 s intervals each.
 */
export async function benchCollect(options: { targets: number[]; workers: number[]; intervals?: number; databaseUrl: string; postmasterPid: number | null; log: (line: string) => void }) {
  const simulatorCount = Math.max(4, Math.ceil(Math.max(...options.targets) / 500));
  const sims: Child[] = [];
  const urls: string[] = [];
  const results: object[] = [];
  try {
    for (let i = 0; i < simulatorCount; i++) {
      const port = await freePort();
      sims.push(startBenchChild(`simulator-${i}`, tsx, ["simulator/main.ts", "--port", String(port), "--seed", String(i), "--history", "1h", "--reply-cache-ms", "1000"], { ...process.env }));
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(urls.map((url) => waitUp(`${url}/api/v1/monitoring/memory`)));
    for (const targets of options.targets) {
      for (const workers of options.workers) {
        options.log(`collect: ${targets} targets, ${workers} worker(s)…`);
        results.push(await runFleet({ targets, workers, intervals: options.intervals ?? 3, simulatorUrls: urls, simulators: sims, databaseUrl: options.databaseUrl, postmasterPid: options.postmasterPid }));
      }
    }
  } finally {
    await Promise.all(sims.map((s) => stopChild(s)));
  }
  type Row = { workers: number; targets: number; met: boolean; worker_cpu_ms_per_scrape: number | null; postgres_cpu_ms_per_scrape: number | null };
  const rows = results as Row[];
  const held = rows.filter((r) => r.workers === 1 && r.met).map((r) => r.targets);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const workerMs = median(rows.map((r) => r.worker_cpu_ms_per_scrape).filter((v): v is number => v !== null));
  const postgresMs = median(rows.map((r) => r.postgres_cpu_ms_per_scrape).filter((v): v is number => v !== null));
  results.push({
    bench: "collect-capacity",
    what: "largest fleet measured that one worker process held (every target once per 15 s interval), and what the CPU per scrape allows",
    targets_one_worker_holds: held.length ? Math.max(...held) : 0,
    fleets_measured: options.targets,
    // A worker's work per scrape is CPU-bound: one core it has to itself holds this many 15 s targets.
    targets_per_dedicated_worker_core: workerMs ? Math.floor((INTERVAL_S * 1000) / workerMs) : null,
    postgres_cores_per_1000_targets: postgresMs ? Math.round(((1000 / INTERVAL_S) * postgresMs) / 10) / 100 : null,
  });
  return results;
}
