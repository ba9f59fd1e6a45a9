// The worker process: loops that must not live inside a web request. Several replicas may
// run against one database; the collector's claims keep each target scraped once per interval.
import { env, isDemoMode } from "@/lib/env";
import { createCollector } from "@/lib/collector/create-collector";
import { createMaintenance } from "@/lib/metrics/create-maintenance";
import { db } from "@/lib/db";
import { runLoops } from "@/worker/run-loops";

const log = (line: string) => console.log(line);
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => controller.abort());
}

const collector = createCollector({ backfillDemoHistory: isDemoMode(env()), log });
const maintenance = createMaintenance({ log });

await runLoops({
  signal: controller.signal,
  tickMs: env().WORKER_TICK_MS,
  loops: [
    { name: "collector", run: async () => void (await collector.tick()) },
    { name: "maintenance", run: ({ now }) => maintenance.tick(now) },
  ],
});
await collector.drain();
await db.$disconnect();
console.log("worker stopped");
