import { setMaxListeners } from "node:events";
import { createLoopFailureLog } from "@/worker/loop-failure-log";

export type WorkerLoop = { name: string; run: (options: { signal: AbortSignal; now: Date }) => Promise<void> };

/**
 * Runs every loop on its own cadence until aborted: each loop runs, waits `tickMs`, runs again.
 * Loops never wait on each other, so a rollup that takes 45 s or an evaluation stuck on a slow
 * query delays only itself, not collection or alerting. A failing loop is logged and retried.
 * Resolves once every loop has finished its current run after the abort.
 */
export async function runLoops(options: { loops: WorkerLoop[]; signal: AbortSignal; tickMs: number; log?: (line: string) => void; logError?: (line: string, error: unknown) => void }): Promise<void> {
  const log = options.log ?? console.log;
  log(`worker started (${options.loops.map((l) => l.name).join(", ")}; tick ${options.tickMs} ms)`);
  const failures = createLoopFailureLog({ log, logError: options.logError ?? console.error });
  // Every loop waits on the one stop signal, so a dozen loops are a dozen listeners, not a leak;
  // Node's default of 10 would print a "memory leak" warning into the worker's log. One more
  // than the loops keeps the warning for a real leak.
  setMaxListeners(options.loops.length + 1, options.signal);
  await Promise.all(
    options.loops.map(async (loop) => {
      while (!options.signal.aborted) {
        try {
          await loop.run({ signal: options.signal, now: new Date() });
          failures.succeeded(loop.name, Date.now());
        } catch (error) {
          failures.failed(loop.name, error, Date.now());
        }
        await pause(options.tickMs, options.signal);
      }
    }),
  );
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
