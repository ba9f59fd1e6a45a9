import type { AlertRule } from "./alert-rule-schema";
import { createInactiveState, type AlertState, type AlertStatus } from "./alert-state";
import { evaluateRule } from "./evaluate-rule";

/** A sample in replay units: `t` in seconds, `value` a usage ratio. */
export type SeriesSample = { t: number; value: number };

export type ReplayEvent = { t: number; rule: string; state: AlertStatus };

export type ReplaySeriesOptions = {
  samples: readonly SeriesSample[];
  rules: readonly AlertRule[];
  evaluationIntervalSeconds: number;
};

export type ReplaySeriesResult = {
  /** State changes in evaluation order, rules in the given order within one evaluation. */
  events: ReplayEvent[];
  /** Time of the last evaluation, seconds; null when there were no samples. */
  lastEvaluationT: number | null;
  states: Record<string, AlertState>;
};

/**
 * Evaluates the rules at every multiple of the interval from 0 to the last sample
 * plus the longest lookback, with the same evaluateRule the worker runs.
 */
export function replaySeries({ samples, rules, evaluationIntervalSeconds }: ReplaySeriesOptions): ReplaySeriesResult {
  const series = samples.map((s) => ({ t: Math.round(s.t * 1000), value: s.value })).sort((a, b) => a.t - b.t);
  const states: Record<string, AlertState> = Object.fromEntries(rules.map((r) => [r.name, createInactiveState()]));
  const events: ReplayEvent[] = [];
  if (series.length === 0 || rules.length === 0) return { events, lastEvaluationT: null, states };

  const stepMs = Math.round(evaluationIntervalSeconds * 1000);
  if (!(stepMs >= 1)) throw new RangeError("evaluationIntervalSeconds must be at least 0.001");
  const maxLookbackMs = Math.max(...rules.map((r) => r.lookbackSeconds * 1000));
  const endMs = series[series.length - 1].t + maxLookbackMs;
  let newest = -1;
  let step = 0;
  let lastEvaluationMs = 0;

  while (step * stepMs <= endMs) {
    const now = step * stepMs;
    while (newest + 1 < series.length && series[newest + 1].t <= now) newest += 1;
    const sample = newest >= 0 ? series[newest] : null;
    for (const rule of rules) {
      const value = sample && now - sample.t <= rule.lookbackSeconds * 1000 ? sample.value : null;
      const result = evaluateRule({ rule, state: states[rule.name], now, value });
      states[rule.name] = result.state;
      if (result.transition) events.push({ t: now / 1000, rule: rule.name, state: result.transition.to });
    }
    lastEvaluationMs = now;
    step = nextStep({ step, now, stepMs, states, sample, maxLookbackMs, next: series[newest + 1] });
  }
  return { events, lastEvaluationT: lastEvaluationMs / 1000, states };
}

type NextStepOptions = {
  step: number;
  now: number;
  stepMs: number;
  states: Record<string, AlertState>;
  sample: { t: number } | null;
  maxLookbackMs: number;
  next: { t: number } | undefined;
};

// While every rule is inactive and no sample is in reach, evaluations cannot change
// anything, so skip to the next sample: epoch-second inputs would otherwise cost
// ~10^8 empty evaluations. The events are the same as stepping through.
function nextStep({ step, now, stepMs, states, sample, maxLookbackMs, next }: NextStepOptions): number {
  const allInactive = Object.values(states).every((s) => s.status === "inactive");
  const outOfReach = sample === null || now - sample.t > maxLookbackMs;
  if (!allInactive || !outOfReach || next === undefined) return step + 1;
  return Math.max(step + 1, Math.ceil(next.t / stepMs));
}
