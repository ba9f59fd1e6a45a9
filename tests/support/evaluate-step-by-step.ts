import type { AlertRule } from "@/lib/alerts/alert-rule-schema";
import { createInactiveState, type AlertState } from "@/lib/alerts/alert-state";
import { evaluateRule } from "@/lib/alerts/evaluate-rule";
import type { ReplayEvent, SeriesSample } from "@/lib/alerts/replay-series";
import { selectValueAt } from "@/lib/alerts/select-value-at";

/**
 * Every evaluation from 0 to `untilSeconds`, each rule on its own lookback, with no shortcuts: the
 * worker's loop written plainly, the reference that rule tests read states from and that
 * replaySeries' skipping is checked against. Sample, change and history times are in seconds.
 */
export function evaluateStepByStep(options: {
  rules: readonly AlertRule[];
  samples: readonly SeriesSample[];
  intervalSeconds: number;
  untilSeconds: number;
}) {
  const series = options.samples.map((s) => ({ t: s.t * 1000, value: s.value }));
  const states: Record<string, AlertState> = Object.fromEntries(options.rules.map((r) => [r.name, createInactiveState()]));
  const changes: ReplayEvent[] = [];
  const history: { t: number; states: Record<string, AlertState> }[] = [];
  for (let step = 0; step * options.intervalSeconds <= options.untilSeconds; step += 1) {
    const t = step * options.intervalSeconds;
    for (const rule of options.rules) {
      const value = selectValueAt({ samples: series, now: t * 1000, lookbackMs: rule.lookbackSeconds * 1000 });
      const result = evaluateRule({ rule, state: states[rule.name], now: t * 1000, value });
      states[rule.name] = result.state;
      if (result.transition) changes.push({ t, rule: rule.name, state: result.transition.to });
    }
    history.push({ t, states: { ...states } });
  }
  return { changes, states, history };
}
