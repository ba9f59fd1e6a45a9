import { describe, expect, it } from "vitest";
import { runLoops, type WorkerLoop } from "@/worker/run-loops";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the worker's loops", () => {
  it("do not wait on each other: a loop stuck in a long run leaves the others running on their cadence", async () => {
    const controller = new AbortController();
    let slowRuns = 0;
    let fastRuns = 0;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const loops: WorkerLoop[] = [
      { name: "maintenance", run: async () => void (slowRuns++, await stuck) },
      { name: "collector", run: async () => void fastRuns++ },
    ];
    const running = runLoops({ loops, signal: controller.signal, tickMs: 10, log: () => undefined });
    // While maintenance has not returned, the collector keeps going.
    await expect.poll(() => fastRuns, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    expect(slowRuns).toBe(1);
    controller.abort();
    release();
    await running;
  });

  it("keeps a failing loop's failure to itself and retries it", async () => {
    const controller = new AbortController();
    const errors: string[] = [];
    let failing = 0;
    let healthy = 0;
    const loops: WorkerLoop[] = [
      { name: "alerts", run: async () => void (failing++, await Promise.reject(new Error("boom"))) },
      { name: "collector", run: async () => void healthy++ },
    ];
    const running = runLoops({ loops, signal: controller.signal, tickMs: 5, log: () => undefined, logError: (line) => errors.push(line) });
    await expect.poll(() => Math.min(failing, healthy), { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    controller.abort();
    await running;
    expect(errors.every((line) => line === "worker loop alerts failed:")).toBe(true);
  });

  it("stops when aborted, after each loop's current run", async () => {
    const controller = new AbortController();
    let finished = false;
    const loops: WorkerLoop[] = [{ name: "remediation-runs", run: async () => void (await sleep(50), (finished = true)) }];
    const running = runLoops({ loops, signal: controller.signal, tickMs: 60_000, log: () => undefined });
    await sleep(10);
    controller.abort();
    await running;
    expect(finished).toBe(true);
  });

  it("waits with a dozen loops without Node warning of a listener leak (the worker's log stays clean)", async () => {
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      let runs = 0;
      const loops: WorkerLoop[] = Array.from({ length: 12 }, (_, i) => ({ name: `loop-${i}`, run: async () => void runs++ }));
      const running = runLoops({ loops, signal: controller.signal, tickMs: 50, log: () => undefined });
      await expect.poll(() => runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(24);
      controller.abort();
      await running;
      await sleep(10); // process warnings are emitted on the next tick
      expect(warnings).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
