import { describeExit, type ExitStatus, type RunningProcess } from "@/supervisor/children";
import { NO_CRASHES, decideRestart, formatSeconds, type CrashHistory, type RestartPolicy } from "@/supervisor/restart-policy";

export type Supervised = {
  name: string;
  /** The process running now (null between a crash and its restart). */
  current(): RunningProcess | null;
  /** Cancels a pending restart and stops the process; resolves when nothing of it runs. */
  stop(): Promise<void>;
};

/**
 * Keeps one process running: when it dies on its own it is started again after the policy's
 * backoff, each restart logged in one line; after too many crashes in the window it gives up
 * and calls `onGiveUp` with the reason (one line, for the caller to log) instead of restarting
 * it forever. `shouldRestart` false (the whole supervisor is shutting down) ends it quietly.
 */
export function supervise(options: {
  name: string;
  start: () => RunningProcess | Promise<RunningProcess>;
  /** Already started by the caller (its first start is not a restart). */
  first?: RunningProcess;
  policy: RestartPolicy;
  log: (line: string) => void;
  onGiveUp: (reason: string) => void;
  shouldRestart?: () => boolean;
  now?: () => number;
}): Supervised {
  const { name, log, policy } = options;
  const now = options.now ?? Date.now;
  let stopping = false;
  let current: RunningProcess | null = null;
  let history: CrashHistory = NO_CRASHES;
  let wake: (() => void) | null = null;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  async function startOnce(restart: boolean): Promise<RunningProcess | ExitStatus> {
    try {
      const proc = await options.start();
      if (restart) log(`${name} restarted (pid ${proc.pid ?? "?"})`);
      return proc;
    } catch (error) {
      return { code: null, signal: null, error: (error as Error)?.message?.split("\n")[0] ?? String(error) };
    }
  }

  async function run(): Promise<void> {
    let next: RunningProcess | ExitStatus | undefined = options.first;
    for (let attempt = 0; !stopping; attempt++) {
      const startedAt = now();
      const started = next ?? (await startOnce(attempt > 0));
      next = undefined;
      let status: ExitStatus;
      if ("exited" in started) {
        current = started;
        if (stopping) {
          await started.stop(); // stop() arrived while it was starting
          break;
        }
        status = await started.exited;
        current = null;
      } else {
        status = started;
      }
      if (stopping || options.shouldRestart?.() === false) break;
      const decision = decideRestart({ history, at: now(), uptimeMs: now() - startedAt, policy });
      history = decision.history;
      const uptime = formatSeconds(Math.round((now() - startedAt) / 100) * 100);
      if (decision.kind === "give-up") {
        options.onGiveUp(`${name} ${describeExit(status)}: ${decision.reason}, giving up`);
        return;
      }
      log(`${name} ${describeExit(status)} after ${uptime} up; restarting in ${formatSeconds(decision.delayMs)} (${crashCount(decision.history.crashes.length)} within ${formatSeconds(policy.windowMs)}, giving up at ${policy.maxCrashes})`);
      await wait(decision.delayMs);
    }
  }

  const crashCount = (n: number) => `${n} crash${n === 1 ? "" : "es"}`;
  const done = run();
  return {
    name,
    current: () => current,
    async stop() {
      stopping = true;
      wake?.();
      // A start still in progress is stopped by `run` as soon as it has a process to stop.
      await current?.stop();
      await done;
    },
  };
}
