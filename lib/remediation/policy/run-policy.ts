import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { readLatestValue } from "@/lib/metrics/read-latest-value";
import type { RemediationActor } from "@/lib/remediation/actor";
import type { RemediationContext } from "@/lib/remediation/remediation-context";
import { runRemediation } from "@/lib/remediation/run/run-remediation";
import { evaluatePolicy, type LatestSample, type PolicyDecision, type PolicyRunState, type PolicySettings } from "@/lib/remediation/policy/evaluate-policy";

export type PolicyRow = PolicySettings & {
  targetId: number;
  slug: string;
  memoryLimitMb: number;
  lastRunAt: Date | null;
  runState: PolicyRunState | null;
};

export type PolicyRunResult = { decision: PolicyDecision; remediationId: number | null; message?: string };

/**
 * The policy's actor: it may run the safe cleanup and *request* the restart (a responder's
 * grant); it never holds approve or destructive-run grants, so a lead decides the restart.
 */
export function policyActor(row: Pick<PolicyRow, "slug" | "escalateTo">): RemediationActor {
  const grants: Permission[] = row.escalateTo === "none" ? ["run:remediation:safe"] : ["run:remediation:safe", "run:remediation:disruptive"];
  return { kind: "policy", policyId: `auto-memory:${row.slug}`, grants };
}

/** The newest total-memory sample at or before `now`, as used / limit. */
export async function readLatestSample(options: { targetId: number; memoryLimitMb: number; now: Date }): Promise<LatestSample | null> {
  const latest = await readLatestValue({ targetId: options.targetId, at: options.now });
  return latest ? { ratio: latest.valueMb / options.memoryLimitMb, at: new Date(latest.t) } : null;
}

/**
 * One evaluation of one target's policy (the caller holds the target's claim): decide from
 * the newest sample, then act through runRemediation, which authorizes and audits every step.
 */
export async function runPolicy(options: { policy: PolicyRow; now: Date; context: RemediationContext }): Promise<PolicyRunResult> {
  const { policy, now } = options;
  const sample = await readLatestSample({ targetId: policy.targetId, memoryLimitMb: policy.memoryLimitMb, now });
  const lastRun = policy.lastRunAt && policy.runState ? { at: policy.lastRunAt, state: policy.runState } : null;
  const decision = evaluatePolicy({ policy, sample, lastRun, now });
  const save = (data: { lastRunAt?: Date; runState: PolicyRunState; cleanupActionId?: number | null; escalationActionId?: number | null }) =>
    db.autoRemediationPolicy.update({ where: { targetId: policy.targetId }, data: { ...data, updatedAt: now } });

  if (decision.kind === "idle" && decision.closeRun) {
    await save({ runState: decision.closeRun });
    return { decision, remediationId: null };
  }
  if (decision.kind === "cleanup") {
    // Keyed by the run: a retried or doubled tick gets the same action back instead of a second call.
    const outcome = await runRemediation({
      actor: policyActor(policy),
      input: { targetSlug: policy.slug, actionId: "cache-cleanup", idempotencyKey: `autopolicy-${policy.targetId}-${now.getTime()}-cleanup`, reason: decision.reason },
      context: options.context,
    });
    // A cleanup that ran but failed still gets its recheck, as the runbook's script does;
    // a refusal ends the run, and the cooldown keeps the policy from retrying every tick.
    const id = outcome.ok ? outcome.action.id : (outcome.action?.id ?? null);
    await save({ lastRunAt: now, runState: outcome.ok ? "rechecking" : "failed", cleanupActionId: id, escalationActionId: null });
    return { decision, remediationId: id, message: outcome.ok ? undefined : outcome.message };
  }
  if (decision.kind === "escalate") return escalate({ ...options, decision, save });
  return { decision, remediationId: null };
}

async function escalate(options: {
  policy: PolicyRow;
  now: Date;
  context: RemediationContext;
  decision: PolicyDecision;
  save: (data: { runState: PolicyRunState; escalationActionId?: number | null }) => Promise<unknown>;
}): Promise<PolicyRunResult> {
  const { policy, decision, save } = options;
  // One open restart request per target is enough for a lead to decide on; do not pile up more.
  const waiting = await db.remediationAction.findFirst({
    where: { targetId: policy.targetId, actionId: "rolling-restart", state: "awaiting_approval" },
    select: { id: true },
  });
  if (waiting) {
    await save({ runState: "escalated", escalationActionId: waiting.id });
    return { decision, remediationId: waiting.id, message: `restart request #${waiting.id} is already waiting for approval` };
  }
  const outcome = await runRemediation({
    actor: policyActor(policy),
    input: {
      targetSlug: policy.slug,
      actionId: "rolling-restart",
      idempotencyKey: `autopolicy-${policy.targetId}-${policy.lastRunAt!.getTime()}-escalate`,
      confirmation: policy.slug,
      reason: decision.reason,
    },
    context: options.context,
  });
  const id = outcome.ok ? outcome.action.id : (outcome.action?.id ?? null);
  await save({ runState: outcome.ok ? "escalated" : "failed", escalationActionId: id });
  return { decision, remediationId: id, message: outcome.ok ? undefined : outcome.message };
}
