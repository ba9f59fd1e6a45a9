// One collector replica for the fleet bench: the worker's collector loop (same scheduler, same
// tick) without the other loops, so the figures are the collector's. Stops on SIGTERM.
import { createCollector } from "@/lib/collector/create-collector";
import { db } from "@/lib/db";
import { runLoops } from "@/worker/run-loops";

const controller = new AbortController();
process.on("SIGTERM", () => controller.abort());
const collector = createCollector({ log: (line) => console.error(line) });
console.log("collect-worker ready");
await runLoops({
  signal: controller.signal,
  tickMs: Number(process.env.WORKER_TICK_MS ?? 1000),
  loops: [{ name: "collector", run: async () => void (await collector.tick()) }],
});
await collector.drain();
await db.$disconnect();
