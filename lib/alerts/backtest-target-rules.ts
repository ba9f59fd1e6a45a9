import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import type { AlertRule } from "./alert-rule-schema";
import { backtestRules, type RuleBacktest } from "./backtest-rules";
import { loadTargetRules } from "./load-target-rules";

/** Raw samples (15 s resolution) are kept this long; the backtest never reads coarser rollups. */
export const MAX_BACKTEST_DAYS = DEFAULT_RAW_RETENTION_DAYS;

export type BacktestSide = { rules: AlertRule[]; results: RuleBacktest[] };

export type TargetBacktest = {
  from: string;
  to: string;
  sampleCount: number;
  firstSampleAt: string | null;
  evaluationIntervalSeconds: number;
  current: BacktestSide & { version: number };
  proposed: BacktestSide;
};

/**
 * What proposed rules would have done on the last `days` of a target's real samples, beside
 * the current rules, with the same evaluator the worker runs. The series is replayed as
 * Prometheus would (samples only): a target's scrape failures do not hold alerts here.
 */
export async function backtestTargetRules(options: {
  targetId: number;
  memoryLimitMb: number;
  days: number;
  proposed: AlertRule[];
  /** An explicit window (an incident's, from its review) instead of the last `days`; it ends by `now` at the latest. */
  window?: { from: Date; to: Date };
  now?: Date;
  db?: Db;
}): Promise<TargetBacktest> {
  const db = options.db ?? defaultDb;
  const days = Math.min(Math.max(options.days, 1 / 24), MAX_BACKTEST_DAYS);
  const now = options.now ?? new Date();
  const to = options.window ? new Date(Math.min(options.window.to.getTime(), now.getTime())) : now;
  const earliest = now.getTime() - MAX_BACKTEST_DAYS * 86_400_000;
  const from = options.window ? new Date(Math.max(earliest, Math.min(options.window.from.getTime(), to.getTime()))) : new Date(to.getTime() - days * 86_400_000);
  const points = await readRawSeries({ db, targetId: options.targetId, from, to });
  // The evaluator counts time in seconds and compares usage as a ratio of the limit.
  const samples = points.map((p) => ({ t: p.t / 1000, value: p.valueMb / options.memoryLimitMb }));
  const evaluationIntervalSeconds = env().ALERT_EVALUATION_INTERVAL_SECONDS;
  const current = await loadTargetRules({ db, targetId: options.targetId });
  const run = (rules: AlertRule[]) => backtestRules({ samples, rules, evaluationIntervalSeconds });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sampleCount: samples.length,
    firstSampleAt: points.length ? new Date(points[0].t).toISOString() : null,
    evaluationIntervalSeconds,
    current: { rules: current.rules, version: current.version, results: run(current.rules) },
    proposed: { rules: options.proposed, results: run(options.proposed) },
  };
}
