import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { describeError } from "@/lib/errors";

export type LoopFailureLog = {
  failed(loop: string, error: unknown, now: number): void;
  succeeded(loop: string, now: number): void;
};

/**
 * How the worker reports its loops' failures. A database outage fails every loop on every
 * tick: that is one line per loop when it starts and one when it ends, not a stack trace per
 * tick. Any other failure is logged in full each time: it is a bug, not the weather.
 */
export function createLoopFailureLog(options: { log: (line: string) => void; logError: (line: string, error: unknown) => void }): LoopFailureLog {
  const outages = new Map<string, { since: number; ticks: number }>();
  return {
    failed(loop, error, now) {
      if (!isDatabaseUnavailable(error)) return options.logError(`worker loop ${loop} failed:`, error);
      const outage = outages.get(loop);
      if (outage) {
        outage.ticks += 1;
        return;
      }
      outages.set(loop, { since: now, ticks: 1 });
      options.log(`worker loop ${loop}: database unreachable (${describeError(error)}); retrying every tick, quietly until it is back`);
    },
    succeeded(loop, now) {
      const outage = outages.get(loop);
      if (!outage) return;
      outages.delete(loop);
      const ticks = `${outage.ticks} tick${outage.ticks === 1 ? "" : "s"}`;
      options.log(`worker loop ${loop}: database back after ${Math.round((now - outage.since) / 1000)} s (${ticks} failed)`);
    },
  };
}
