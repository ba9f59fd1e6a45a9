import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBenchChild } from "@/bench/bench-child";
import { serverRss } from "@/bench/process-rss";
import { openSoakPages, readPages } from "@/bench/soak-browser";
import { describeExit, stopChild } from "@/supervisor/children";
import { parsePrometheus } from "@/lib/target-api/parse-prometheus";
import { freePortRangeSync } from "@/tests/support/free-port";

const GOAL_GROWTH_PCT = 10;
const PROCESSES = ["web", "worker"] as const;
type ProcessName = (typeof PROCESSES)[number];
type Heap = { heap_after_gc_mb: number | null; heap_objects_after_gc_mb: number | null; heap_used_mb: number | null };
type Sample = { minute: number; load_average_1m: number } & Record<ProcessName, ({ rss_mb: number; tree_rss_mb: number; pid: number } & Heap) | null>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Least-squares slope of RSS over minutes, per hour: a steady leak shows here even when noise hides it end to end. */
function slopeMbPerHour(points: { minute: number; rss: number }[]): number | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, p) => s + p.minute, 0) / points.length;
  const my = points.reduce((s, p) => s + p.rss, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.minute - mx) * (p.rss - my), 0);
  const den = points.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
  return round((num / den) * 60);
}

function growth(samples: Sample[], name: ProcessName, warmupMinutes: number) {
  const after = samples.filter((s) => s.minute >= warmupMinutes && s[name]).map((s) => ({ minute: s.minute, rss: s[name]!.rss_mb }));
  const heap = heapGrowth(samples, name, warmupMinutes);
  if (after.length < 2) return { rss_at_warmup_mb: null, rss_last_mb: null, rss_max_mb: null, growth_pct: null, slope_mb_per_hour: null, ...heap };
  const base = after[0].rss;
  const last = after[after.length - 1].rss;
  return {
    rss_at_warmup_mb: base,
    rss_last_mb: last,
    rss_max_mb: Math.max(...after.map((p) => p.rss)),
    growth_pct: round(((last - base) / base) * 100),
    slope_mb_per_hour: slopeMbPerHour(after),
    ...heap,
  };
}

/**
 * The same for the heap kept after a full GC (headroom_heap_used_after_gc_bytes at /metrics), and
 * for its objects alone (headroom_heap_objects_after_gc_bytes: without compiled code).
 */
function heapGrowth(samples: Sample[], name: ProcessName, warmupMinutes: number) {
  const of = (field: "heap_after_gc_mb" | "heap_objects_after_gc_mb", prefix: string) => {
    const after = samples.filter((s) => s.minute >= warmupMinutes && s[name]?.[field] != null).map((s) => ({ minute: s.minute, rss: s[name]![field]! }));
    if (after.length < 2) return { [`${prefix}_at_warmup_mb`]: null, [`${prefix}_last_mb`]: null, [`${prefix}_growth_pct`]: null, [`${prefix}_slope_mb_per_hour`]: null };
    const base = after[0].rss;
    const last = after[after.length - 1].rss;
    return { [`${prefix}_at_warmup_mb`]: base, [`${prefix}_last_mb`]: last, [`${prefix}_growth_pct`]: round(((last - base) / base) * 100), [`${prefix}_slope_mb_per_hour`]: slopeMbPerHour(after) };
  };
  return { ...of("heap_after_gc_mb", "heap_after_gc"), ...of("heap_objects_after_gc_mb", "heap_objects_after_gc") } as Record<string, number | null> & Record<"heap_after_gc_growth_pct" | "heap_objects_after_gc_growth_pct", number | null>;
}

/** Heap figures from a process's own /metrics (loopback needs no token); nulls when it does not answer. */
async function readHeap(url: string): Promise<Heap> {
  try {
    const series = parsePrometheus(await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text());
    const mb = (name: string) => {
      const value = series.find((s) => s.name === name)?.value;
      return value === undefined ? null : round(value / 1024 / 1024);
    };
    // 0 until the process's first full collection: not measured yet, not an empty heap.
    const afterGc = mb("headroom_heap_used_after_gc_bytes");
    const objects = mb("headroom_heap_objects_after_gc_bytes");
    return { heap_after_gc_mb: afterGc ? afterGc : null, heap_objects_after_gc_mb: objects ? objects : null, heap_used_mb: mb("nodejs_heap_size_used_bytes") };
  } catch {
    return { heap_after_gc_mb: null, heap_objects_after_gc_mb: null, heap_used_mb: null };
  }
}

/**
 * The demo as `npm start` runs it (supervisor, embedded PostgreSQL, simulators, worker, web) with
 * the overview and a target page open in Chromium for `minutes` (warm-up included); every minute
 * the RSS of the web server and of the worker. Prints one JSON line per minute, returns the summary.
 */
export async function benchSoak(options: { minutes: number; warmupMinutes: number; log: (line: string) => void; print: (result: object) => void }) {
  // web, PostgreSQL, three simulators, the worker's /metrics.
  const base = freePortRangeSync(6);
  const dataDir = `.data/bench-soak-${base}`;
  const password = randomBytes(12).toString("base64url");
  const url = `http://localhost:${base}`;
  const pids: Partial<Record<ProcessName, number>> = {};
  const restarts: string[] = [];
  const child = startBenchChild("soak", path.resolve("node_modules/.bin/tsx"), ["supervisor/start.ts"], {
    ...process.env,
    // As a newcomer's `npm start`: no database, secrets or audit key given, the demo makes its own.
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "",
    HEADROOM_AUDIT_KEY: "",
    HEADROOM_AUDIT_ANCHOR_FILE: "",
    NEXTAUTH_URL: url,
    DEMO_PASSWORD: password,
    HEADROOM_DATA_DIR: dataDir,
    HEADROOM_EPHEMERAL_DATA: "1",
    PORT: String(base),
    HEADROOM_PG_PORT: String(base + 1),
    TARGET_PORT: String(base + 2),
    HEADROOM_WORKER_METRICS_PORT: String(base + 5),
  });
  const metricsUrl: Record<ProcessName, string> = { web: `http://127.0.0.1:${base}/metrics`, worker: `http://127.0.0.1:${base + 5}/metrics` };
  const measure = async (name: ProcessName) => {
    const rss = pids[name] ? serverRss(pids[name]) : null;
    return rss ? { ...rss, ...(await readHeap(metricsUrl[name])) } : null;
  };
  let browser: Awaited<ReturnType<typeof openSoakPages>> | null = null;
  let stoppedEarly: string | null = null;
  void child.exited.then((status) => (stoppedEarly = describeExit(status)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.process.stdout!.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        for (const match of text.matchAll(/\b(web|worker) (started|restarted) \(pid (\d+)\)/g)) {
          pids[match[1] as ProcessName] = Number(match[3]);
          if (match[2] === "restarted") restarts.push(`${match[1]} at ${new Date().toISOString()}`);
        }
        if (text.includes("Headroom is up")) resolve();
      });
      void child.exited.then((status) => reject(new Error(`npm start ${describeExit(status)} before it was up`)));
    });
    options.log(`demo up at ${url} (web pid ${pids.web}, worker pid ${pids.worker}); opening the overview and a target page`);
    browser = await openSoakPages({ url, email: "viewer@headroom.local", password, slug: "freeagentics-api" });
    const samples: Sample[] = [];
    const started = Date.now();
    for (let minute = 0; minute <= options.minutes; minute++) {
      const due = started + minute * 60_000;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      // Something outside stopped the demo: say so, and keep the minutes measured until then.
      if (stoppedEarly) {
        stoppedEarly = `npm start ${stoppedEarly} before minute ${minute} of the soak`;
        options.log(stoppedEarly);
        break;
      }
      const sample = {
        minute,
        load_average_1m: round(os.loadavg()[0], 2),
        web: await measure("web"),
        worker: await measure("worker"),
      };
      samples.push(sample);
      options.print({ bench: "soak-minute", ...sample, pages: await readPages(browser) });
    }
    const loads = samples.map((s) => s.load_average_1m);
    const figures = Object.fromEntries(PROCESSES.map((name) => [name, growth(samples, name, options.warmupMinutes)])) as Record<ProcessName, ReturnType<typeof growth>>;
    return {
      bench: "soak",
      what: `demo stack as npm start runs it, overview and a target page polling in headless Chromium for ${options.minutes} min; RSS (VmRSS), heap after the last full GC (headroom_heap_used_after_gc_bytes) and its objects without compiled code (headroom_heap_objects_after_gc_bytes) of the web server and the worker each minute, growth from the end of a ${options.warmupMinutes}-min warm-up to the last minute`,
      minutes: options.minutes,
      warmup_minutes: options.warmupMinutes,
      ...figures,
      restarts,
      stopped_early: stoppedEarly,
      load_average_1m: { mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2), min: Math.min(...loads), max: Math.max(...loads) },
      target_growth_pct: GOAL_GROWTH_PCT,
      met: !stoppedEarly && restarts.length === 0 && PROCESSES.every((name) => figures[name].growth_pct !== null && figures[name].growth_pct! < GOAL_GROWTH_PCT),
      heap_after_gc_met: PROCESSES.every((name) => figures[name].heap_after_gc_growth_pct !== null && figures[name].heap_after_gc_growth_pct! < GOAL_GROWTH_PCT),
      heap_objects_after_gc_met: PROCESSES.every((name) => figures[name].heap_objects_after_gc_growth_pct !== null && figures[name].heap_objects_after_gc_growth_pct! < GOAL_GROWTH_PCT),
    };
  } finally {
    await browser?.close();
    await stopChild(child, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
