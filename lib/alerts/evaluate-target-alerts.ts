import "server-only";
import { db } from "@/lib/db";
import type { AlertRule } from "./alert-rule-schema";
import { applyEvaluationPlan } from "./apply-evaluation-plan";
import { loadEvaluationInputs, lockTargetStatus } from "./load-evaluation-inputs";
import { planEvaluation, type PlannedTransition } from "./plan-evaluation";
import type { TargetAlertState } from "./target-alert-state";

export type EvaluateTargetAlertsOptions = {
  targetId: number;
  now: Date;
  workerId: string;
  /** How long the alert must stay resolved before its incident resolves. */
  graceMs: number;
  maxAttempts: number;
  /** Rules for targets an admin has not edited; the configured defaults when omitted. */
  defaultRules?: readonly AlertRule[];
  consoleUrl?: string;
};

export type EvaluateTargetAlertsResult =
  | { evaluated: false; reason: "target_missing" | "already_evaluated" }
  | {
      evaluated: true;
      /** For logs and messages: people know a service by its name, not its row id. */
      target: { slug: string; name: string };
      state: TargetAlertState;
      transitions: PlannedTransition[];
      incidentId: number | null;
      notificationId: bigint | null;
    };

/**
 * One evaluation of one target's rules at `now`, in one transaction under the target's row
 * lock: read the newest sample and stored state, run the pure planner, persist states,
 * transitions, incident changes, timeline and notification together. An evaluation at or
 * before the last stored one is skipped, so racing replicas record each transition once.
 */
export async function evaluateTargetAlerts(options: EvaluateTargetAlertsOptions): Promise<EvaluateTargetAlertsResult> {
  const { targetId, now } = options;
  return db.$transaction(
    async (tx) => {
      const target = await tx.target.findUnique({
        where: { id: targetId },
        select: { id: true, slug: true, name: true, memoryLimitMb: true, lastScrapeOk: true },
      });
      if (!target) return { evaluated: false, reason: "target_missing" } as const;
      const previous = await lockTargetStatus({ tx, targetId, now });
      if (previous.evaluatedAt !== null && previous.evaluatedAt >= now.getTime()) {
        return { evaluated: false, reason: "already_evaluated" } as const;
      }
      const inputs = await loadEvaluationInputs({ tx, target, now, previousEvaluatedAt: previous.evaluatedAt, defaultRules: options.defaultRules });
      const plan = planEvaluation({ ...inputs, now: now.getTime(), previous, graceMs: options.graceMs });
      const applied = await applyEvaluationPlan({
        tx,
        target,
        plan,
        now,
        workerId: options.workerId,
        openIncidentId: inputs.openIncident?.id ?? null,
        maxAttempts: options.maxAttempts,
        consoleUrl: options.consoleUrl,
      });
      return {
        evaluated: true,
        target: { slug: target.slug, name: target.name },
        state: plan.status.state,
        transitions: plan.transitions,
        incidentId: applied.incidentId,
        notificationId: applied.notificationId,
      } as const;
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}
