import path from "node:path";
import { db } from "@/lib/db";
import { createCollector } from "@/lib/collector/create-collector";
import { startChild, stopChild, type Child } from "@/supervisor/children";

const TARGETS = 200;
const SIMULATORS = 4;

async function waitUp(url: string) {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** One scrape cycle of 200 targets on one worker, against simulator processes over real HTTP. */
export async function benchCollect() {
  const basePort = Number(process.env.BENCH_TARGET_PORT ?? 8300);
  const sims: Child[] = [];
  try {
    for (let i = 0; i < SIMULATORS; i++) {
      sims.push(startChild("simulator", path.resolve("node_modules/.bin/tsx"), ["simulator/main.ts", "--port", String(basePort + i), "--seed", String(i), "--history", "1h"], { ...process.env }));
    }
    await Promise.all(sims.map((_, i) => waitUp(`http://127.0.0.1:${basePort + i}/api/v1/monitoring/memory`)));
    // Only these targets are due: anything an earlier bench left behind must not take slots.
    await db.target.updateMany({ data: { enabled: false } });
    await db.target.createMany({
      data: Array.from({ length: TARGETS }, (_, i) => ({ slug: `collect-${i}`, name: `Collect ${i}`, baseUrl: `http://127.0.0.1:${basePort + (i % SIMULATORS)}` })),
    });
    const collector = createCollector({ timeoutMs: 5_000 });
    const start = performance.now();
    let claimed = 0;
    while (claimed < TARGETS) {
      claimed += await collector.tick();
      await new Promise((r) => setTimeout(r, 5));
    }
    await collector.drain();
    const cycleMs = Math.round(performance.now() - start);
    const mine = { target: { slug: { startsWith: "collect-" } } };
    const ok = await db.targetScrape.count({ where: { ok: true, ...mine } });
    const failures = await db.targetScrape.groupBy({ by: ["error"], where: { ok: false, ...mine }, _count: true });
    const samples = await db.metric.count({ where: mine });
    return { bench: "collect", targets: TARGETS, simulator_processes: SIMULATORS, concurrency: 64, cycle_ms: cycleMs, scrapes_ok: ok, samples_written: samples, failures: failures.map((f) => ({ error: f.error?.slice(0, 120), count: f._count })), target_cycle_ms: 5000 };
  } finally {
    await Promise.all(sims.map((s) => stopChild(s)));
  }
}
