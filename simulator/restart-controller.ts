import type { RestartMode, RestartResponse } from "@/lib/target-api/schemas";
import { HttpError } from "./http/http-error";
import type { Listener } from "./listener";
import { beginRestart, completeRestart } from "./model/restart";
import type { ModelState } from "./model/types";
import { iso } from "./views/format";

type Options = {
  state: ModelState;
  listener: Listener;
  downtimeMs: number;
  wallNow: () => number;
  /** Brings the model up to the current time before the restart lands. */
  sync: () => void;
  log: (line: string) => void;
};

/**
 * The restart hook behind POST /_control/restart. Emergency: the listener closes (connections are
 * refused) for `downtimeMs`, then a fresh process answers. Rolling: the old process keeps answering
 * for `downtimeMs` while the new one starts, then the new one takes over.
 */
export function createRestartController({ state, listener, downtimeMs, wallNow, sync, log }: Options) {
  let pending: { mode: RestartMode | "oom"; completesAtMs: number; timer: NodeJS.Timeout } | null = null;

  function schedule(mode: RestartMode | "oom"): number {
    const completesAtMs = wallNow() + downtimeMs;
    const timer = setTimeout(async () => {
      sync();
      if (mode !== "oom") completeRestart(state, mode);
      if (!listener.listening()) await listener.open().catch((error: Error) => log(`could not reopen the listener: ${error.message}`));
      pending = null;
      log(`restart (${mode}) complete: instance ${state.instance.id}`);
    }, downtimeMs);
    pending = { mode, completesAtMs, timer };
    return completesAtMs;
  }

  return {
    current: () => (pending ? { mode: pending.mode, completes_at: iso(pending.completesAtMs) } : null),
    restart(mode: RestartMode): { response: RestartResponse; headers: Record<string, string> } {
      if (pending) throw new HttpError(409, "conflict", `a ${pending.mode} restart is already in progress until ${iso(pending.completesAtMs)}`);
      const previous = state.instance.id;
      beginRestart(state, mode);
      const completesAtMs = schedule(mode);
      log(`restart (${mode}) of ${previous}: back at ${iso(completesAtMs)}`);
      // Closing before answering drops idle kept-alive sockets first, so no client can slip a request
      // onto one of them; the hook's own answer still goes out, on a connection marked to close.
      if (mode === "emergency") void listener.close(false);
      return {
        response: { mode, status: "restarting", downtime_ms: mode === "emergency" ? downtimeMs : 0, completes_at: iso(completesAtMs), previous_instance_id: previous },
        headers: mode === "emergency" ? { connection: "close" } : {},
      };
    },
    /** The model ran out of memory: the container is down until its restart policy brings it back. */
    oomKilled(): void {
      if (pending) return;
      schedule("oom");
      void listener.close();
      log(`out of memory: instance killed, refusing connections for ${downtimeMs} ms`);
    },
    stop(): void {
      if (pending) clearTimeout(pending.timer);
      pending = null;
    },
  };
}
export type RestartController = ReturnType<typeof createRestartController>;
