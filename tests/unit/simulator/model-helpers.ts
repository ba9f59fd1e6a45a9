import type { ScenarioName } from "@/lib/target-api/schemas";
import { advanceModel, createModel } from "@/simulator/model/create-model";
import { measureMemory, type MemoryBreakdown } from "@/simulator/model/measure";
import type { ModelState } from "@/simulator/model/types";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A fixed wall-clock instant (noon UTC, mid-January) so every run sees the same daily cycle. */
export const T0 = Date.UTC(2025, 0, 15, 12);

export type Frame = { t: number; memory: MemoryBreakdown };

/** Starts a model whose scenario begins at T0 and records the memory breakdown every `stepMin` minutes. */
export function runScenario(
  scenario: ScenarioName,
  options: { seed?: number; hours?: number; stepMin?: number } = {},
): { model: ModelState; frames: Frame[] } {
  const model = createModel({ nowMs: T0, seed: options.seed ?? 7, scenario, historyMs: 2 * HOUR, onsetAgoMs: 0 });
  const frames: Frame[] = [{ t: T0, memory: measureMemory(model) }];
  const stepMs = (options.stepMin ?? 10) * MINUTE;
  for (let t = T0 + stepMs; t <= T0 + (options.hours ?? 3) * HOUR; t += stepMs) {
    advanceModel(model, t);
    frames.push({ t, memory: measureMemory(model) });
  }
  return { model, frames };
}

export function part(frame: Frame, path: `${keyof MemoryBreakdown["components"]}.${string}`): number {
  const [component, name] = path.split(".") as [keyof MemoryBreakdown["components"], string];
  return frame.memory.components[component].parts[name];
}

/** A warmed-up model (24 h of past) for remediation tests. */
export function warmModel(scenario: ScenarioName, seed = 11): ModelState {
  return createModel({ nowMs: T0, seed, scenario, historyMs: 6 * HOUR });
}
