import "server-only";
import { createTargetClient, TargetApiError } from "@/lib/target-api/client";
import type { RestartMode } from "@/lib/target-api/schemas";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import type { RestartDriver } from "@/lib/remediation/drivers/resolve-drivers";
import { runDriverCommand } from "@/lib/remediation/drivers/run-driver-command";
import { driverSecrets, scrubSecrets } from "@/lib/remediation/drivers/scrub-output";
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
  /** Headroom's HEADROOM_* variables for a command driver, on top of the driver's own. */
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
    const as = driver.runAsUser ? ` (as ${driver.runAsUser})` : "";
    await steps.run(`run ${scrubSecrets(argv.join(" "), driverSecrets(driver.env))}${as}`, () =>
      runDriverCommand({
        driver: driver.name,
        argv,
        runAsUser: driver.runAsUser,
        cwd: driver.cwd,
        env: { ...driver.env, ...options.env },
        timeoutMs: Math.max(1_000, deadline - Date.now()),
      }),
    );
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
