import "server-only";
import type { Db } from "@/lib/db";
import { readLatestValue } from "@/lib/metrics/read-latest-value";
import type { ActiveSilence } from "./active-silence";
import type { AlertRule } from "./alert-rule-schema";
import type { AlertState } from "./alert-state";
import { stateFromRow } from "./alert-state-row";
import { isSeverity } from "./default-rules";
import { loadTargetRules } from "./load-target-rules";
import type { PlanEvaluationOptions } from "./plan-evaluation";
import type { TargetAlertState, TargetAlertStatus } from "./target-alert-state";

export type EvaluationTarget = { id: number; slug: string; name: string; memoryLimitMb: number; lastScrapeOk: boolean | null };

type StatusRow = {
  evaluated_at: Date | null;
  state: string;
  state_since: Date | null;
  no_data: boolean;
  value: number | null;
  resolved_since: Date | null;
  notified_severity: string | null;
  notified_no_data: boolean;
};

/**
 * Takes the target's evaluation lock (its `alert_target_status` row, FOR UPDATE, created if
 * missing) and returns the stored status. Held until the caller's transaction ends, so two
 * workers evaluating one target run one after the other and the second sees the first's result.
 */
export async function lockTargetStatus(options: { tx: Db; targetId: number; now: Date }): Promise<TargetAlertStatus> {
  const { tx, targetId, now } = options;
  await tx.$executeRaw`
    INSERT INTO alert_target_status (target_id, next_evaluation_at) VALUES (${targetId}, ${now}::timestamptz)
    ON CONFLICT (target_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<StatusRow[]>`
    SELECT evaluated_at, state, state_since, no_data, value, resolved_since, notified_severity, notified_no_data
    FROM alert_target_status WHERE target_id = ${targetId} FOR UPDATE`;
  const ms = (d: Date | null) => d?.getTime() ?? null;
  return {
    state: row.state as TargetAlertState,
    stateSince: ms(row.state_since),
    noData: row.no_data,
    value: row.value,
    resolvedSince: ms(row.resolved_since),
    notifiedSeverity: isSeverity(row.notified_severity) ? row.notified_severity : null,
    notifiedNoData: row.notified_no_data,
    evaluatedAt: ms(row.evaluated_at),
  };
}

export type LoadedInputs = Omit<PlanEvaluationOptions, "now" | "previous" | "graceMs"> & { rules: AlertRule[] };

/** Everything else one evaluation reads, inside the same transaction. */
export async function loadEvaluationInputs(options: {
  tx: Db;
  target: EvaluationTarget;
  now: Date;
  previousEvaluatedAt: number | null;
  defaultRules?: readonly AlertRule[];
}): Promise<LoadedInputs> {
  const { tx, target, now } = options;
  const { rules } = await loadTargetRules({ db: tx, targetId: target.id, defaults: options.defaultRules });
  const stateRows = await tx.alertRuleState.findMany({ where: { targetId: target.id } });
  const states: Record<string, AlertState> = Object.fromEntries(stateRows.map((row) => [row.ruleName, stateFromRow(row)]));
  const lookbackMs = Math.max(...rules.map((r) => r.lookbackSeconds * 1000));
  const newest = await readLatestValue({ db: tx, targetId: target.id, at: now, notBefore: new Date(now.getTime() - lookbackMs) });
  const silenceSelect = { id: true, endsAt: true, createdByEmail: true, comment: true } as const;
  const toSilence = (s: { id: number; endsAt: Date; createdByEmail: string; comment: string }): ActiveSilence => ({ ...s, endsAt: s.endsAt.getTime() });
  const active = await tx.silence.findFirst({
    where: { targetId: target.id, endedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: silenceSelect,
    orderBy: { endsAt: "desc" },
  });
  const expired =
    options.previousEvaluatedAt === null
      ? []
      : await tx.silence.findMany({
          where: { targetId: target.id, endedAt: null, endsAt: { gt: new Date(options.previousEvaluatedAt), lte: now } },
          select: silenceSelect,
          orderBy: { endsAt: "asc" },
        });
  const incident = await tx.incident.findFirst({ where: { targetId: target.id, status: "open" }, select: { id: true, severity: true } });
  const webhook = await tx.targetWebhook.findUnique({ where: { targetId: target.id }, select: { targetId: true } });
  return {
    rules,
    states,
    sample: newest ? { t: newest.t, value: newest.valueMb / target.memoryLimitMb } : null,
    scrapeFailed: target.lastScrapeOk === false,
    silence: active ? toSilence(active) : null,
    expiredSilences: expired.map(toSilence),
    openIncident: incident && isSeverity(incident.severity) ? { id: incident.id, severity: incident.severity } : null,
    hasWebhook: webhook !== null,
  };
}
