import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { METRIC } from "@/lib/metrics/sample";
import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";
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
  now?: Date;
  db?: Db;
}): Promise<TargetBacktest> {
  const db = options.db ?? defaultDb;
  const days = Math.min(Math.max(options.days, 1 / 24), MAX_BACKTEST_DAYS);
  const to = options.now ?? new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const rows = await db.$queryRaw<{ t: number; v: number }[]>`
    SELECT (extract(epoch FROM "timestamp"))::float8 AS t, memory_used_mb AS v
    FROM metrics
    WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.systemUsed} AND labels = ''
      AND "timestamp" > ${from}::timestamptz AND "timestamp" <= ${to}::timestamptz
    ORDER BY "timestamp"`;
  const samples = rows.map((row) => ({ t: row.t, value: row.v / options.memoryLimitMb }));
  const evaluationIntervalSeconds = env().ALERT_EVALUATION_INTERVAL_SECONDS;
  const current = await loadTargetRules({ db, targetId: options.targetId });
  const run = (rules: AlertRule[]) => backtestRules({ samples, rules, evaluationIntervalSeconds });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    sampleCount: samples.length,
    firstSampleAt: rows.length ? new Date(rows[0].t * 1000).toISOString() : null,
    evaluationIntervalSeconds,
    current: { rules: current.rules, version: current.version, results: run(current.rules) },
    proposed: { rules: options.proposed, results: run(options.proposed) },
  };
}
