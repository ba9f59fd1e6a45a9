import "server-only";
import { db } from "@/lib/db";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { refuseAttempt } from "@/lib/audit/refuse-attempt";
import type { AppErrorCode } from "@/lib/errors";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, toActionView, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";
import { expireAction } from "@/lib/remediation/request/expire-approvals";
import { decisionInputSchema } from "@/lib/remediation/request/run-action-input";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";

type Withdrawn = { kind: "withdrawn"; row: ActionRow } | { kind: "refused"; code: AppErrorCode; message: string; row: ActionRow | null };

/**
 * The requester takes back their own destructive request while it still waits for a second
 * person: awaiting_approval → withdrawn, on the timeline and in the audit trail. Only the person
 * who asked may do it (whatever their role: a responder's request is theirs to withdraw).
 */
export async function withdrawAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const { actor } = options;
  const ctx = resolveContext(options.context);
  const at = ctx.now();
  const audit = { type: "remediation.decision_refused" as const, actor: auditActorOf(actor), meta: ctx.meta, at };
  const parsed = decisionInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return refuseAttempt({ ...audit, code: "INVALID_INPUT", message: `Invalid withdrawal: ${describeFieldErrors(fieldErrors)}`, fieldErrors, parameters: options.input });
  }
  const { remediationId, comment } = parsed.data;

  const result = await db.$transaction(async (tx): Promise<Withdrawn> => {
    const row = await lockAction(tx, remediationId);
    if (!row) return { kind: "refused", code: "NOT_FOUND", message: `No request #${remediationId}.`, row: null };
    if (actor.kind !== "user" || row.requestedById !== actor.id) {
      return { kind: "refused", code: "FORBIDDEN", message: `Only the person who asked for this request (${row.requestedByLabel}) may withdraw it; a lead may reject it.`, row };
    }
    if (row.state === "awaiting_approval" && row.approvalExpiresAt && row.approvalExpiresAt <= at) {
      return { kind: "refused", code: "EXPIRED", message: "The request had already expired: there is nothing left to withdraw.", row: await expireAction(tx, row, at, ctx.meta) };
    }
    if (row.state !== "awaiting_approval") {
      return { kind: "refused", code: "CONFLICT", message: `This request is no longer waiting: it is ${row.state.replace("_", " ")}.`, row };
    }
    const withdrawn = await applyTransition(tx, row, {
      to: "withdrawn",
      at,
      by: actor.email,
      data: { decidedAt: at, decidedById: actor.id, decidedByLabel: actor.email, decisionComment: comment ?? null, effectStatus: "not_applicable", finishedAt: at },
    });
    await recordActionEvent(tx, {
      row: withdrawn,
      type: "remediation.withdrawn",
      outcome: "withdrawn",
      actor: auditActorOf(actor),
      meta: ctx.meta,
      at,
      incidentSummary: `${getActionDefinition(row.actionId as RunbookActionId).label} withdrawn by its requester ${actor.email}${comment ? `: ${comment}` : ""}`,
      data: comment ? { comment } : {},
    });
    return { kind: "withdrawn", row: withdrawn };
  }, TX_OPTIONS);

  if (result.kind === "withdrawn") return { ok: true, action: toActionView(result.row), duplicate: false };
  const about = result.row ? { target: { id: result.row.target.id, slug: result.row.target.slug }, actionId: result.row.actionId, remediationId } : { remediationId: null };
  const refused = await refuseAttempt({ ...audit, ...about, code: result.code, message: result.message, incidentId: result.row?.incidentId ?? null, parameters: options.input });
  return result.row ? { ...refused, action: toActionView(result.row) } : refused;
}
