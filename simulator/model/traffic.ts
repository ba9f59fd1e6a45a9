import type { ScenarioName } from "@/lib/target-api/schemas";
import { HOUR_MS, profile } from "./profile";
import type { ModelState, TickContext } from "./types";

/** Daily cycle: busiest in the afternoon (UTC), quietest twelve hours later. */
function diurnalLoad(t: number, peakHourUtc: number): number {
  const hour = (t / HOUR_MS) % 24;
  const { mean, amplitude } = profile.load;
  return mean + amplitude * Math.cos((2 * Math.PI * (hour - peakHourUtc)) / 24);
}

/** Short bursts of traffic on top of the daily cycle, as an Ornstein-Uhlenbeck process (mean-reverting noise). */
export function stepLoadBurst(state: ModelState, dtMin: number): void {
  const { burstSd, burstReversionPerMin: theta } = profile.load;
  const shock = state.rng.normal(0, 1) * burstSd * Math.sqrt(2 * theta * dtMin);
  state.loadBurst += -theta * state.loadBurst * dtMin + shock;
}

export function currentLoad(state: ModelState, t: number): number {
  return Math.max(0.05, diurnalLoad(t, state.peakHourUtc) * (1 + state.loadBurst));
}

export function scenarioActive(state: ModelState, name: ScenarioName, t: number): boolean {
  return state.scenario.name === name && t >= state.scenario.onsetMs;
}

/** Requests wait in the queue in proportion to traffic, and pile up when the agent pool cannot keep up. */
export function tickRequestQueue({ instance, load, dtMin }: TickContext): void {
  const { perLoad, perUnmetAgent } = profile.requestQueue;
  const target = perLoad * load + instance.unmetAgentDemand * perUnmetAgent;
  instance.requestQueue += (target - instance.requestQueue) * Math.min(1, dtMin / 2);
}
