import "server-only";
import { z } from "zod";
import { appendTargetChange, type TargetChange } from "@/lib/audit/append-target-change";
import { db } from "@/lib/db";

const checkbox = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());

/** A person's edit of a target's auto-remediation policy (form or JSON). Ranges match the table's CHECKs. */
export const autoRemediationPolicyInputSchema = z.object({
  enabled: checkbox.default(false),
  /** Percent in the form (90), stored as a ratio (0.90). */
  thresholdPercent: z.coerce.number({ error: "threshold must be a number" }).min(50, { error: "threshold must be 50-99 %" }).max(99, { error: "threshold must be 50-99 %" }),
  recheckSeconds: z.coerce.number().int().min(1, { error: "recheck must be 1-600 s" }).max(600, { error: "recheck must be 1-600 s" }),
  cooldownSeconds: z.coerce.number().int().min(60, { error: "cooldown must be 60-86400 s" }).max(86_400, { error: "cooldown must be 60-86400 s" }),
  escalateTo: z.enum(["rolling-restart", "none"], { error: "escalate to a rolling restart or nothing" }),
});
export type AutoRemediationPolicyInput = z.output<typeof autoRemediationPolicyInputSchema>;

/**
 * Stores a target's policy with its audit row in one transaction. Turning a policy on is a
 * standing authorization to act on a target, so it is as visible in the trail as an action.
 * Callers check `manage:targets` (or the equivalent) first.
 */
export async function saveAutoRemediationPolicy(options: TargetChange<AutoRemediationPolicyInput>): Promise<void> {
  const { input } = options;
  const data = {
    enabled: input.enabled,
    threshold: input.thresholdPercent / 100,
    recheckSeconds: input.recheckSeconds,
    cooldownSeconds: input.cooldownSeconds,
    escalateTo: input.escalateTo,
    updatedAt: new Date(),
  };
  await db.$transaction(async (tx) => {
    const before = await tx.autoRemediationPolicy.findUnique({
      where: { targetId: options.targetId },
      select: { enabled: true, threshold: true, recheckSeconds: true, cooldownSeconds: true, escalateTo: true },
    });
    await tx.autoRemediationPolicy.upsert({ where: { targetId: options.targetId }, create: { targetId: options.targetId, ...data }, update: data });
    const parameters = { autoRemediation: { before, after: { ...data, updatedAt: undefined } } };
    await appendTargetChange(tx, { type: "target.changed", targetId: options.targetId, actor: options.actor, parameters }, { meta: options.meta });
  });
}
