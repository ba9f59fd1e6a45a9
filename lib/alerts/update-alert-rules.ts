import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AlertRule, AlertRuleInput } from "./alert-rule-schema";
import { alertRuleSetSchema } from "./alert-rule-set-schema";
import { loadTargetRules } from "./load-target-rules";
import { previewRuleFiring } from "./preview-rule-firing";
import { readCurrentAlertView } from "./read-current-alert-view";
import { appendTargetChange } from "@/lib/audit/append-target-change";
import type { RequestMeta } from "@/lib/audit/request-meta";

export type UpdateAlertRulesOptions = {
  targetId: number;
  rules: AlertRuleInput[];
  /** The version the editor saw: a change made meanwhile by someone else is a conflict, not overwritten. */
  expectedVersion: number;
  comment?: string;
  /** The person saw that these thresholds fire (or go pending) at once, and saves them anyway. */
  confirmFiring?: boolean;
  actor: { id: number; email: string; role: string };
  /** Where the change came from, for the audit trail. */
  meta?: RequestMeta | null;
  now?: Date;
  defaultRules?: readonly AlertRule[];
};

const sameRules = (a: readonly AlertRule[], b: readonly AlertRule[]) => JSON.stringify(a) === JSON.stringify(b);

/** Replaces a target's rules and records the change (who, when, old, new) as a new version. */
export async function updateAlertRules(options: UpdateAlertRulesOptions): Promise<{ version: number }> {
  const parsed = alertRuleSetSchema.safeParse(options.rules);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join("; "));
  }
  const rules = parsed.data;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    // Serialises editors of one target, including the very first edit (no rows to lock yet).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('headroom:alert_rules'), ${options.targetId})`;
    const current = await loadTargetRules({ db: tx, targetId: options.targetId, defaults: options.defaultRules });
    if (current.version !== options.expectedVersion) {
      throw new AppError("CONFLICT", `The rules were changed meanwhile (now version ${current.version}); reload and try again.`);
    }
    if (sameRules(current.rules, rules)) throw new AppError("INVALID_INPUT", "Nothing changed: the rules are already these.");
    if (!options.confirmFiring) {
      const { memoryLimitMb } = await tx.target.findUniqueOrThrow({ where: { id: options.targetId }, select: { memoryLimitMb: true } });
      const view = await readCurrentAlertView({ targetId: options.targetId, memoryLimitMb, now, db: tx });
      const warnings = previewRuleFiring({ rules, current: view, now: now.getTime() });
      if (warnings.length > 0) {
        const message = `${warnings.map((w) => w.message).join(" ")} Confirm to save them anyway.`;
        throw new AppError("INVALID_INPUT", message, { fieldErrors: { confirmFiring: message }, firingWarnings: warnings });
      }
    }
    const version = current.version + 1;
    await tx.targetAlertRule.deleteMany({ where: { targetId: options.targetId } });
    await tx.targetAlertRule.createMany({
      data: rules.map((rule) => ({
        targetId: options.targetId,
        name: rule.name,
        threshold: rule.threshold,
        forSeconds: rule.forSeconds,
        lookbackSeconds: rule.lookbackSeconds,
        keepFiringForSeconds: rule.keepFiringForSeconds ?? null,
        recoveryThreshold: rule.recoveryThreshold ?? null,
        version,
        updatedAt: now,
        updatedById: options.actor.id,
      })),
    });
    await tx.alertRuleVersion.create({
      data: {
        targetId: options.targetId,
        version,
        oldRules: current.rules as unknown as Prisma.InputJsonValue,
        newRules: rules as unknown as Prisma.InputJsonValue,
        comment: options.comment?.trim() ?? "",
        changedById: options.actor.id,
        changedByEmail: options.actor.email,
        changedAt: now,
      },
    });
    // Last in the transaction: the version and its audit row commit together or not at all.
    const parameters = { version, old: current.rules, new: rules, comment: options.comment?.trim() ?? "" };
    await appendTargetChange(tx, { type: "threshold.changed", targetId: options.targetId, actor: options.actor, parameters }, { meta: options.meta, now });
    return { version };
  });
}
