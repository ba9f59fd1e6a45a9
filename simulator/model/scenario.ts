import type { ScenarioName } from "@/lib/target-api/schemas";
import { startOperation } from "./operations";
import { MINUTE_MS, scenarioProfile } from "./profile";
import { scenarioActive } from "./traffic";
import type { ModelState, TickContext } from "./types";

const spike = scenarioProfile.spike;

/** Switches the fault the service suffers from; memory already leaked stays where it is. */
export function setScenario(state: ModelState, name: ScenarioName, onsetMs: number): void {
  state.scenario = {
    name,
    onsetMs,
    nextSpikeMs: name === "spike" ? onsetMs + spike.firstAfterMin * MINUTE_MS : null,
    spikeEndsAtMs: null,
  };
}

/**
 * The sudden-spike scenario: a large data import grabs well over a gigabyte within a minute and a
 * half, while users pile concurrent agent work on top, then it all lets go.
 */
export function tickSpike(ctx: TickContext): void {
  const { state, rng, t } = ctx;
  const scenario = state.scenario;
  if (!scenarioActive(state, "spike", t) || scenario.nextSpikeMs === null || t < scenario.nextSpikeMs) return;
  const holdMs = rng.uniform(spike.holdMin[0], spike.holdMin[1]) * MINUTE_MS;
  const rampMs = spike.rampS * 1_000;
  startOperation(ctx.instance, t, {
    type: "data_import",
    component: "api_service",
    peakMb: rng.uniform(spike.importMb[0], spike.importMb[1]),
    durationMs: rampMs + holdMs,
    rampMs,
  });
  scenario.spikeEndsAtMs = t + rampMs + holdMs;
  scenario.nextSpikeMs = t + rng.uniform(spike.periodMin[0], spike.periodMin[1]) * MINUTE_MS;
}

/** How much more concurrent agent work users send while a spike is under way. */
export function concurrencyAt(state: ModelState, t: number): number {
  const endsAt = state.scenario.spikeEndsAtMs;
  return state.scenario.name === "spike" && endsAt !== null && t < endsAt ? spike.concurrencyFactor : 1;
}
