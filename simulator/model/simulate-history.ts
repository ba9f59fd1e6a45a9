import type { ScenarioName } from "@/lib/target-api/schemas";
import { createModel, DEFAULT_HISTORY_MS } from "./create-model";
import { samplesBetween, type HistoryPoint } from "./history";
import { SAMPLE_MS } from "./profile";

export type SimulateHistoryOptions = {
  /** End of the history; a target started at this instant with the same seed and scenario has the same past. */
  endMs: number;
  seed?: number;
  scenario?: ScenarioName;
  onsetAgoMs?: number;
  peakHourUtc?: number;
  /** How far back the model boots; must match the target's history option for the samples to match (default 24 h). */
  historyMs?: number;
  /** How much of that past to return (default: all of it). */
  durationMs?: number;
  /** Spacing of the returned samples; a multiple of 15 s (default 15 s: every sample). */
  stepMs?: number;
};

/** In-process backfill: the same samples the target serves at /_control/history, without HTTP. */
export function simulateHistory(options: SimulateHistoryOptions): HistoryPoint[] {
  const historyMs = options.historyMs ?? DEFAULT_HISTORY_MS;
  const durationMs = options.durationMs ?? historyMs;
  const model = createModel({
    nowMs: options.endMs,
    seed: options.seed,
    scenario: options.scenario,
    onsetAgoMs: options.onsetAgoMs,
    peakHourUtc: options.peakHourUtc,
    historyMs,
  });
  return samplesBetween(model.history, options.endMs - durationMs, options.endMs, options.stepMs ?? SAMPLE_MS);
}
