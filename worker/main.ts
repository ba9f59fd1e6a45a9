// The worker process: loops that must not live inside a web request (collection, alert
// evaluation, policies, retention). Later issues register their loops in worker/loops.ts.
import { env } from "@/lib/env";
import { runLoops } from "@/worker/run-loops";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => controller.abort());
}

await runLoops({ signal: controller.signal, tickMs: env().WORKER_TICK_MS });
console.log("worker stopped");
