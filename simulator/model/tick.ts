import { tickAgents } from "./agents";
import { tickCoalitions } from "./coalitions";
import { tickDatabase, tickWebsocket } from "./connections";
import { accumulateGarbage, collectGarbage, wantsCollection } from "./garbage";
import { recordSample } from "./history";
import { pruneLifecycle } from "./instance";
import { measureMemory } from "./measure";
import { tickOperations } from "./operations";
import { limits, MINUTE_MS, profile, SAMPLE_MS, TICK_MS } from "./profile";
import { completeRestart } from "./restart";
import { concurrencyAt, tickSpike } from "./scenario";
import { tickCache, tickRedis } from "./stores";
import { currentLoad, stepLoadBurst, tickRequestQueue } from "./traffic";
import type { ModelState, TickContext } from "./types";

/** One fixed step of simulated time; fixed steps make a run depend only on the seed and the actions taken. */
export function tick(state: ModelState): void {
  const t = state.nextTickMs;
  state.nextTickMs += TICK_MS;
  state.tickCount += 1;
  state.nowMs = t;
  const dtMin = TICK_MS / MINUTE_MS;
  stepLoadBurst(state, dtMin);
  const load = currentLoad(state, t);
  tickRedis(state, load, dtMin, t);
  if (state.down) {
    if (state.down.untilMs === null || t < state.down.untilMs) return;
    completeRestart(state, "oom", t);
  }
  const ctx: TickContext = { state, instance: state.instance, t, dtMin, load, rng: state.rng };
  const concurrency = concurrencyAt(state, t);
  pruneLifecycle(ctx.instance, t);
  tickSpike(ctx);
  tickOperations(ctx, concurrency);
  tickAgents(ctx);
  tickCoalitions(ctx, concurrency);
  tickWebsocket(ctx);
  tickDatabase(ctx);
  tickCache(ctx);
  tickRequestQueue(ctx);
  accumulateGarbage(ctx);
  let memory = measureMemory(state);
  if (wantsCollection(ctx.instance, memory.usedMb)) {
    collectGarbage(ctx.instance);
    memory = measureMemory(state);
  }
  if (memory.usedMb >= limits.memoryLimitMb) {
    killForOom(state, t);
    return;
  }
  if (t % SAMPLE_MS === 0) recordSample(state.history, t, memory);
}

/** The container runtime kills the process at its memory limit and starts it again after a while. */
function killForOom(state: ModelState, t: number): void {
  state.events.push({ type: "oom_killed", atMs: t, instanceId: state.instance.id });
  state.down = { reason: "oom", sinceMs: t, untilMs: t + profile.oomDowntimeMs };
}
