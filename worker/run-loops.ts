import { createLoopFailureLog } from "@/worker/loop-failure-log";

export type WorkerLoop = { name: string; run: (options: { signal: AbortSignal; now: Date }) => Promise<void> };

/** Runs every loop once per tick until aborted; a failing loop is logged and retried next tick. */
export async function runLoops(options: { loops: WorkerLoop[]; signal: AbortSignal; tickMs: number }): Promise<void> {
  console.log(`worker started (${options.loops.map((l) => l.name).join(", ")}; tick ${options.tickMs} ms)`);
  const failures = createLoopFailureLog({ log: console.log, logError: console.error });
  while (!options.signal.aborted) {
    for (const loop of options.loops) {
      try {
        await loop.run({ signal: options.signal, now: new Date() });
        failures.succeeded(loop.name, Date.now());
      } catch (error) {
        failures.failed(loop.name, error, Date.now());
      }
    }
    await new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        options.signal.removeEventListener("abort", onAbort);
        resolve();
      }, options.tickMs);
      options.signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
