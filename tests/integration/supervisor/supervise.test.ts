import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startChild } from "@/supervisor/children";
import { DEFAULT_RESTART_POLICY } from "@/supervisor/restart-policy";
import { supervise } from "@/supervisor/supervise";

// Real child processes (node -e), real signals: the supervisor's restart loop as npm start runs it.
const fast = { ...DEFAULT_RESTART_POLICY, initialDelayMs: 100, maxDelayMs: 400, maxCrashes: 4, windowMs: 5_000, stableAfterMs: 1_000 };
const node = (script: string) => () => startChild("test", process.execPath, ["-e", script], { ...process.env });
// A zombie (state Z) has ended: only its exit status waits to be collected.
const alive = (pid: number | undefined) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder() {
  const lines: string[] = [];
  let gaveUp: string | null = null;
  return { lines, log: (l: string) => lines.push(l), onGiveUp: (r: string) => (gaveUp = r), gaveUp: () => gaveUp };
}

describe("supervise", () => {
  it("restarts a process that keeps failing with growing waits, then gives up saying why", async () => {
    const r = recorder();
    const startedAt: number[] = [];
    const start = node("process.exit(3)");
    const sup = supervise({ name: "crashy", policy: fast, log: r.log, onGiveUp: r.onGiveUp, start: () => (startedAt.push(Date.now()), start()) });
    await expect.poll(r.gaveUp, { timeout: 5_000 }).not.toBeNull();
    expect(r.gaveUp()).toBe("crashy exited with code 3: 4 crashes within 5 s, giving up");
    expect(startedAt).toHaveLength(4);
    const waits = startedAt.slice(1).map((t, i) => t - startedAt[i]);
    expect(waits[0]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(200);
    expect(waits[2]).toBeGreaterThanOrEqual(400);
    expect(r.lines.filter((l) => /^crashy exited with code 3 after .* up; restarting in/.test(l))).toHaveLength(3);
    await sup.stop();
  });

  it("restarts a process killed with SIGKILL, kills what it left behind, and stops at once on request", async () => {
    const r = recorder();
    // The child starts a grandchild in its process group, as tsx starts node.
    const script = `const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log("grandchild " + c.pid); setInterval(() => {}, 1000);`;
    let grandchildren: number[] = [];
    const sup = supervise({
      name: "worker",
      policy: fast,
      log: r.log,
      onGiveUp: r.onGiveUp,
      start: () => {
        const child = node(script)();
        child.process.stdout?.on("data", (b: Buffer) => (grandchildren = [...grandchildren, ...[...b.toString().matchAll(/grandchild (\d+)/g)].map((m) => Number(m[1]))]));
        return child;
      },
    });
    await expect.poll(() => grandchildren.length, { timeout: 5_000 }).toBe(1);
    const first = sup.current()!.pid!;
    process.kill(first, "SIGKILL");
    await expect.poll(() => sup.current()?.pid ?? first, { timeout: 3_000 }).not.toBe(first);
    expect(r.lines.some((l) => /^worker was killed by SIGKILL after .* up; restarting in 0\.1 s \(1 crash within 5 s, giving up at 4\)$/.test(l))).toBe(true);
    expect(r.lines.some((l) => /^worker restarted \(pid \d+\)$/.test(l))).toBe(true);
    await expect.poll(() => alive(grandchildren[0]), { timeout: 2_000 }).toBe(false); // the orphan went with its parent

    await expect.poll(() => grandchildren.length, { timeout: 5_000 }).toBe(2);
    const second = sup.current()!.pid!;
    const stopStarted = Date.now();
    await sup.stop();
    expect(Date.now() - stopStarted).toBeLessThan(2_000);
    expect(alive(second)).toBe(false);
    await expect.poll(() => alive(grandchildren[1]), { timeout: 1_000 }).toBe(false);
    await sleep(300);
    expect(sup.current()).toBeNull(); // no restart after a requested stop
    expect(r.gaveUp()).toBeNull();
  });

  it("a stop during the wait before a restart cancels the restart", async () => {
    const r = recorder();
    let starts = 0;
    const start = node("process.exit(1)");
    const sup = supervise({ name: "slow", policy: { ...fast, initialDelayMs: 5_000 }, log: r.log, onGiveUp: r.onGiveUp, start: () => (starts++, start()) });
    await expect.poll(() => r.lines.length, { timeout: 3_000 }).toBe(1);
    const began = Date.now();
    await sup.stop();
    expect(Date.now() - began).toBeLessThan(500);
    await sleep(200);
    expect(starts).toBe(1);
  });

  it("counts a start that throws as a crash", async () => {
    const r = recorder();
    const sup = supervise({ name: "postgres", policy: fast, log: r.log, onGiveUp: r.onGiveUp, start: () => Promise.reject(new Error("Port 1 is taken\nmore detail")) });
    await expect.poll(r.gaveUp, { timeout: 5_000 }).toBe("postgres could not start (Port 1 is taken): 4 crashes within 5 s, giving up");
    await sup.stop();
  });
});
