import "server-only";
import { db } from "@/lib/db";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { refuseAttempt } from "@/lib/audit/refuse-attempt";
import type { AppErrorCode } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { hasPermission } from "@/lib/auth/permissions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, toActionView, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { expireAction } from "@/lib/remediation/request/expire-approvals";
import { describeRunning, findRunningExclusive } from "@/lib/remediation/run/find-running-exclusive";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import { decisionInputSchema } from "@/lib/remediation/request/run-action-input";

type Decided = { kind: "decided"; row: ActionRow } | { kind: "refused"; code: AppErrorCode; message: string; row: ActionRow | null };

/**
 * A lead's approval or rejection of a destructive request, checked on the server and failing
 * closed: only a person with approve:remediation (and, to approve, the right to run the action),
 * never the requester, only while the request waits and before it expires.
 */
export async function decideApproval(options: {
  actor: RemediationActor;
  input: unknown;
  decision: "approve" | "reject";
  ctx: ResolvedContext;
}): Promise<{ kind: "decided"; row: ActionRow } | { kind: "answered"; outcome: ActionOutcome }> {
  const { actor, ctx, decision } = options;
  const at = ctx.now();
  const audit = { type: "remediation.decision_refused" as const, actor: auditActorOf(actor), meta: ctx.meta, at };
  const parsed = decisionInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return answered(refuseAttempt({ ...audit, code: "INVALID_INPUT", message: `Invalid ${decision}: ${describeFieldErrors(fieldErrors)}`, fieldErrors, parameters: options.input }));
  }
  const { remediationId, comment } = parsed.data;
  const found = await db.remediationAction.findUnique({ where: { id: remediationId }, select: { actionId: true, target: { select: { id: true, slug: true } } } });
  if (!found) return answered(refuseAttempt({ ...audit, code: "NOT_FOUND", message: `No request #${remediationId}.`, remediationId: null, parameters: options.input }));
  const definition = getActionDefinition(found.actionId as RunbookActionId);
  const about = { ...audit, target: found.target, actionId: found.actionId, remediationId };
  if (actor.kind !== "user" || !hasPermission(actor.role, "approve:remediation") || (decision === "approve" && !hasPermission(actor.role, definition.permission))) {
    const who = actor.kind === "user" ? `Your role (${actor.role})` : "A policy";
    return answered(refuseAttempt({ ...about, code: "FORBIDDEN", message: `${who} may not ${decision} ${definition.label} requests: a lead does.` }));
  }

  const result = await db.$transaction(async (tx): Promise<Decided> => {
    const row = await lockAction(tx, remediationId);
    if (!row) return { kind: "refused", code: "NOT_FOUND", message: `No request #${remediationId}.`, row: null };
    if (row.state === "awaiting_approval" && row.approvalExpiresAt && row.approvalExpiresAt <= at) {
      const expired = await expireAction(tx, row, at, ctx.meta);
      return { kind: "refused", code: "EXPIRED", message: `The request expired at ${row.approvalExpiresAt.toISOString().slice(11, 16)} UTC without approval; ask for it again if it is still needed.`, row: expired };
    }
    if (row.state !== "awaiting_approval") {
      const by = row.decidedByLabel ? ` by ${row.decidedByLabel}` : "";
      return { kind: "refused", code: "CONFLICT", message: `This request is no longer waiting: it is ${row.state.replace("_", " ")}${by}.`, row };
    }
    if (row.requestedById === actor.id) {
      const message = decision === "approve"
        ? "You asked for this action: another lead must approve it (nobody approves their own request)."
        : "You asked for this action: withdraw it instead (nobody decides on their own request).";
      return { kind: "refused", code: "FORBIDDEN", message, row };
    }
    if (decision === "approve") {
      const running = await findRunningExclusive({ targetId: row.targetId, now: at, db: tx });
      if (running) return { kind: "refused", code: "CONFLICT", message: `${describeRunning(running)} Approve again when it has finished.`, row };
    }
    const to = decision === "approve" ? "approved" : "rejected";
    const data: Prisma.RemediationActionUpdateInput = {
      decidedAt: at,
      decidedById: actor.id,
      decidedByLabel: actor.email,
      decidedByRole: actor.role,
      decisionComment: comment ?? null,
      // The worker's audit rows about the run name the approval that made it runnable.
      ...(to === "approved" ? { runMeta: ctx.meta as Prisma.InputJsonValue } : {}),
      ...(to === "rejected" ? { effectStatus: "not_applicable", finishedAt: at } : {}),
    };
    const decided = await applyTransition(tx, row, { to, at, by: actor.email, data });
    await recordActionEvent(tx, {
      row: decided,
      type: to === "approved" ? "remediation.approved" : "remediation.rejected",
      outcome: to,
      actor: auditActorOf(actor),
      meta: ctx.meta,
      at,
      incidentSummary: `${definition.label} ${to} by ${actor.email} (requested by ${row.requestedByLabel})${comment ? `: ${comment}` : ""}`,
      data: comment ? { comment } : {},
    });
    return { kind: "decided", row: decided };
  }, TX_OPTIONS);

  if (result.kind === "decided") return result;
  const refused = await refuseAttempt({ ...about, code: result.code, message: result.message, incidentId: result.row?.incidentId ?? null });
  return { kind: "answered", outcome: result.row ? { ...refused, action: toActionView(result.row) } : refused };
}

async function answered(outcome: Promise<ActionOutcome>) {
  return { kind: "answered" as const, outcome: await outcome };
}
