import type { Intervention } from "@/lib/diagnosis/find-mitigations";
import type { ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { ScenarioName } from "@/lib/target-api/schemas";
import { advanceModel, createModel } from "@/simulator/model/create-model";
import { samplesBetween, type HistoryPoint } from "@/simulator/model/history";
import { cleanupAgents, cleanupCache, resizeAgentPool, runGarbageCollection } from "@/simulator/model/remediations";
import { completeRestart } from "@/simulator/model/restart";
import { setScenario } from "@/simulator/model/scenario";
import { simulateHistory } from "@/simulator/model/simulate-history";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export type SimulatedSeries = { total: MemoryPoint[]; components: ComponentSeries };

export function toSeries(points: readonly HistoryPoint[]): SimulatedSeries {
  const components: Record<string, MemoryPoint[]> = {};
  for (const key of Object.keys(points[0]?.components ?? {})) {
    components[key] = points.map((p) => ({ t: p.t, valueMb: p.components[key as keyof typeof p.components] }));
  }
  return { total: points.map((p) => ({ t: p.t, valueMb: p.usedMb })), components };
}

/** The scenario's last `durationMs` before `endMs`, as the collector would have stored it. */
export function simulatedWindow(options: { scenario: ScenarioName; seed: number; endMs: number; durationMs?: number; stepMs?: number; historyMs?: number }): SimulatedSeries {
  return toSeries(
    simulateHistory({
      endMs: options.endMs,
      seed: options.seed,
      scenario: options.scenario,
      durationMs: options.durationMs ?? 3 * HOUR,
      stepMs: options.stepMs,
      historyMs: options.historyMs ?? 8 * HOUR,
    }),
  );
}

export type SimulatedAction = { id: number; atMinute: number; kind: "restart" | "agent-cleanup" | "cache-cleanup" | "gc" | "pool-resize" };

const LABELS: Record<SimulatedAction["kind"], string> = {
  restart: "Rolling restart",
  "agent-cleanup": "Force cleanup of orphaned agents",
  "cache-cleanup": "Clear expired cache entries",
  gc: "Force garbage collection",
  "pool-resize": "Reduce agent pool if oversized",
};

function runOnModel(model: ReturnType<typeof createModel>, kind: Exclude<SimulatedAction["kind"], "restart">) {
  if (kind === "agent-cleanup") return cleanupAgents(model);
  if (kind === "cache-cleanup") return cleanupCache(model);
  if (kind === "pool-resize") return resizeAgentPool(model, 50);
  return runGarbageCollection(model);
}

/**
 * A scenario lived through `minutes` from `startMs` with remediations run on the model itself at
 * the given minutes: the memory the target would have reported, and the actions as recorded.
 */
export function simulateWithActions(options: {
  scenario: ScenarioName;
  seed: number;
  startMs: number;
  minutes: number;
  actions: SimulatedAction[];
  /** From the start on, the service suffers from this instead (a fix deployed with the first action). */
  scenarioAfter?: ScenarioName;
}): SimulatedSeries & { interventions: Intervention[]; freedMb: Map<number, number> } {
  const model = createModel({ nowMs: options.startMs, seed: options.seed, scenario: options.scenario, historyMs: 6 * HOUR });
  if (options.scenarioAfter) setScenario(model, options.scenarioAfter, options.startMs);
  const interventions: Intervention[] = [];
  const freedMb = new Map<number, number>();
  for (const action of [...options.actions].sort((a, b) => a.atMinute - b.atMinute)) {
    const at = options.startMs + action.atMinute * MINUTE;
    advanceModel(model, at);
    const outcome = action.kind === "restart" ? null : runOnModel(model, action.kind);
    if (action.kind === "restart") completeRestart(model, "rolling", at);
    if (outcome) freedMb.set(action.id, outcome.usedBeforeMb - outcome.usedAfterMb);
    // A rolling restart takes a few seconds from request to the new instance answering.
    const startedAt = action.kind === "restart" ? at - 5_000 : at;
    interventions.push({ id: action.id, label: LABELS[action.kind], restart: action.kind === "restart", startedAt, finishedAt: at + 1 });
  }
  const endMs = options.startMs + options.minutes * MINUTE;
  advanceModel(model, endMs);
  // The diagnosis window: the last three hours.
  return { ...toSeries(samplesBetween(model.history, endMs - 3 * HOUR, endMs, 15_000)), interventions, freedMb };
}
