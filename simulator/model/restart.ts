import type { RestartMode } from "@/lib/target-api/schemas";
import { createInstance } from "./instance";
import type { ModelState } from "./types";

const maxEvents = 1_000;

export function nextInstanceId(state: ModelState): string {
  state.instanceSeq += 1;
  return `api-${(state.seed >>> 0).toString(16)}-${state.instanceSeq}`;
}

/** An emergency restart takes the process down at once; a rolling one keeps serving until the swap. */
export function beginRestart(state: ModelState, mode: RestartMode): void {
  if (mode === "emergency") state.down = { reason: "restart", sinceMs: state.nowMs, untilMs: null };
}

/** A new process: everything held in memory is gone; Redis and the metrics history live elsewhere and stay. */
export function completeRestart(state: ModelState, mode: RestartMode | "oom", t = state.nowMs): void {
  state.instance = createInstance(nextInstanceId(state), t);
  state.down = null;
  state.events.push({ type: "restarted", atMs: t, mode, instanceId: state.instance.id });
  if (state.events.length > maxEvents) state.events.splice(0, state.events.length - maxEvents);
}
