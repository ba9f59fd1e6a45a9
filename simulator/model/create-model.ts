import type { ScenarioName } from "@/lib/target-api/schemas";
import { createHistory } from "./history";
import { createInstance } from "./instance";
import { HOUR_MS, profile, scenarioProfile, TICK_MS } from "./profile";
import { nextInstanceId } from "./restart";
import { createRng } from "./rng";
import { setScenario } from "./scenario";
import { tick } from "./tick";
import type { ModelState } from "./types";

export type CreateModelOptions = {
  /** The moment the model is created at: the end of its simulated past. */
  nowMs: number;
  seed?: number;
  scenario?: ScenarioName;
  /** How much past to simulate, so that history endpoints have data at once (default 24 h). */
  historyMs?: number;
  /** How long before `nowMs` the scenario began; each scenario has a default that makes a good demo. */
  onsetAgoMs?: number;
  /** The busiest hour of the daily traffic cycle (UTC); the quietest is twelve hours later. */
  peakHourUtc?: number;
};

export const DEFAULT_HISTORY_MS = 24 * HOUR_MS;

/**
 * Builds the model by living through its past: the service booted `historyMs` before `nowMs`
 * (on the 5 s tick grid), so the same seed, scenario and `nowMs` always give the same state.
 */
export function createModel(options: CreateModelOptions): ModelState {
  const seed = options.seed ?? 1;
  const scenario = options.scenario ?? "steady";
  const bootMs = Math.floor((options.nowMs - (options.historyMs ?? DEFAULT_HISTORY_MS)) / TICK_MS) * TICK_MS;
  const state: ModelState = {
    seed,
    rng: createRng(seed),
    nowMs: bootMs,
    nextTickMs: bootMs,
    tickCount: 0,
    scenario: { name: "steady", onsetMs: bootMs, nextSpikeMs: null, spikeEndsAtMs: null },
    loadBurst: 0,
    peakHourUtc: options.peakHourUtc ?? profile.load.peakHourUtc,
    instanceSeq: 0,
    instance: createInstance("", bootMs),
    down: null,
    redis: { sessionsMb: 0, expiringMb: 0, untrackedMb: 0 },
    history: createHistory(),
    events: [],
  };
  state.instance.id = nextInstanceId(state);
  setScenario(state, scenario, options.nowMs - (options.onsetAgoMs ?? scenarioProfile[scenario].onsetAgoMs));
  advanceModel(state, options.nowMs);
  return state;
}

/** Runs every tick due up to `toMs`; time never goes backwards. */
export function advanceModel(state: ModelState, toMs: number): void {
  while (state.nextTickMs <= toMs) tick(state);
  state.nowMs = Math.max(state.nowMs, toMs);
}
