// When the supervisor restarts a process that died, and when it stops trying. Pure, so the
// backoff and the give-up rule are tested without waiting for real crashes.

export type RestartPolicy = {
  /** Wait before the first restart; doubles with each crash in a row. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** This many crashes within `windowMs` and the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
  /** A process that stayed up this long was healthy: its next crash starts the backoff over. */
  stableAfterMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
  maxCrashes: 5,
  windowMs: 60_000,
  stableAfterMs: 30_000,
};

/** Crash times (ms) still inside the window, and how many crashes came in a row. */
export type CrashHistory = { crashes: readonly number[]; inARow: number };
export const NO_CRASHES: CrashHistory = { crashes: [], inARow: 0 };

export type RestartDecision =
  | { kind: "restart"; delayMs: number; history: CrashHistory }
  | { kind: "give-up"; reason: string; history: CrashHistory };

/** The decision after a crash at `at` of a process that had been up for `uptimeMs`. */
export function decideRestart(options: { history: CrashHistory; at: number; uptimeMs: number; policy: RestartPolicy }): RestartDecision {
  const { at, policy } = options;
  const crashes = [...options.history.crashes.filter((t) => t > at - policy.windowMs), at];
  const inARow = options.uptimeMs >= policy.stableAfterMs ? 0 : options.history.inARow;
  const history = { crashes, inARow: inARow + 1 };
  if (crashes.length >= policy.maxCrashes) {
    return { kind: "give-up", reason: `${crashes.length} crashes within ${formatSeconds(policy.windowMs)}`, history };
  }
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** inARow);
  return { kind: "restart", delayMs, history };
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
