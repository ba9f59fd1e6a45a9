import "server-only";
import { execFile } from "node:child_process";
import { createTargetClient, TargetApiError } from "@/lib/target-api/client";
import { childProcessEnv } from "@/lib/env";
import type { RestartMode } from "@/lib/target-api/schemas";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import type { RestartDriver } from "@/lib/remediation/drivers/resolve-drivers";
import type { StepRecorder } from "@/lib/remediation/run/step-recorder";

export type RestartOutcome = { mode: RestartMode; previousInstance: string | null; newInstance: string; usedMb: number; waitedMs: number };

/**
 * Restarts a target through its driver and waits until a new instance answers: the runbook's
 * restarts are only done when the service is back. Steps are reported as they happen.
 */
export async function restartTarget(options: {
  baseUrl: string;
  mode: RestartMode;
  driver: RestartDriver;
  timeoutMs: number;
  callTimeoutMs: number;
  steps: StepRecorder;
  pollMs?: number;
  env?: Record<string, string>;
}): Promise<RestartOutcome> {
  const { mode, driver, steps } = options;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const client = createTargetClient({
    baseUrl: options.baseUrl,
    timeoutMs: options.callTimeoutMs,
    restartHookUrl: driver.kind === "http" ? driver.url : undefined,
  });
  const before = await client.getMemory().then(
    (memory) => memory.instance.id,
    () => null,
  );

  let previousInstance = before;
  if (driver.kind === "http") {
    await steps.run(`POST ${driver.url} {"mode": "${mode}"}`, async () => {
      const answer = await client.restart(mode);
      previousInstance = answer.previous_instance_id;
      // The time goes out as data: the page shows it in the viewer's timezone, like every other time.
      return { value: undefined, detail: `accepted: ${answer.previous_instance_id} is being replaced`, expectedAt: answer.completes_at };
    });
  } else {
    const argv = mode === "rolling" ? driver.rolling : driver.emergency;
    await steps.run(`run ${argv.join(" ")}`, () => runCommand(argv, Math.max(1_000, deadline - Date.now()), options.env ?? {}));
  }

  const pollMs = options.pollMs ?? 1_000;
  const answer = await steps.run("wait for the new instance to answer", async () => {
    let lastProblem = "no answer yet";
    while (Date.now() < deadline) {
      try {
        const memory = await client.getMemory();
        if (previousInstance === null || memory.instance.id !== previousInstance) {
          return { value: memory, detail: `instance ${memory.instance.id} answering after ${Math.round((Date.now() - started) / 1000)} s` };
        }
        lastProblem = `${previousInstance} still answering`;
      } catch (error) {
        lastProblem = error instanceof TargetApiError ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    throw new DriverError("timeout", `No new instance answered within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastProblem}).`);
  });
  await steps.run("check memory of the new instance", async () => `used ${Math.round(answer.used_mb)} MB of ${answer.limit_mb} MB`);
  return { mode, previousInstance, newInstance: answer.instance.id, usedMb: answer.used_mb, waitedMs: Date.now() - started };
}

function runCommand(argv: string[], timeoutMs: number, extraEnv: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(argv[0], argv.slice(1), { timeout: timeoutMs, env: childProcessEnv(extraEnv), maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      const tail = (text: string) => text.trim().split("\n").slice(-3).join(" | ").slice(0, 300);
      if (!error) return resolve(`exit 0${tail(stdout) ? `: ${tail(stdout)}` : ""}`);
      const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (failure.killed) return reject(new DriverError("timeout", `${argv[0]} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`));
      if (failure.code === "ENOENT") return reject(new DriverError("command_failed", `The restart command ${argv[0]} was not found.`));
      reject(new DriverError("command_failed", `${argv.join(" ")} failed (exit ${failure.code}): ${tail(stderr) || tail(stdout) || failure.message}`));
    });
  });
}
