import type { AlertRule } from "./alert-rule-schema";
import { replaySeries, type SeriesSample } from "./replay-series";

export type FiringInterval = {
  /** Evaluation that fired, seconds. */
  start: number;
  /** Evaluation that resolved, or the last evaluation when still firing. */
  end: number;
  ongoing: boolean;
};

export type RuleBacktest = {
  rule: string;
  alertsFired: number;
  firingSeconds: number;
  firingIntervals: FiringInterval[];
};

export type BacktestRulesOptions = {
  samples: readonly SeriesSample[];
  rules: readonly AlertRule[];
  evaluationIntervalSeconds: number;
};

/** What proposed rules would have done on a recorded series, for trying thresholds. */
export function backtestRules({ samples, rules, evaluationIntervalSeconds }: BacktestRulesOptions): RuleBacktest[] {
  const { events, lastEvaluationT } = replaySeries({ samples, rules, evaluationIntervalSeconds });
  return rules.map((rule) => {
    const intervals: FiringInterval[] = [];
    let openedAt: number | null = null;
    for (const event of events) {
      if (event.rule !== rule.name) continue;
      if (event.state === "firing") openedAt = event.t;
      else if (openedAt !== null) {
        intervals.push({ start: openedAt, end: event.t, ongoing: false });
        openedAt = null;
      }
    }
    if (openedAt !== null) intervals.push({ start: openedAt, end: lastEvaluationT ?? openedAt, ongoing: true });
    return {
      rule: rule.name,
      alertsFired: intervals.length,
      firingSeconds: intervals.reduce((sum, i) => sum + (i.end - i.start), 0),
      firingIntervals: intervals,
    };
  });
}
