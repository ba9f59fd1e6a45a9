import "server-only";
import { notifyOnCallEvent } from "@/lib/notifications/notify-on-call-event";
import { db } from "@/lib/db";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { refuseAttempt } from "@/lib/audit/refuse-attempt";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { diagnoseTarget } from "@/lib/diagnosis/diagnose-target";
import { getActionDefinition, type ActionDefinition } from "@/lib/remediation/action-catalogue";
import { actionInclude, toActionView, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { actorCan, actorLabel, actorRole, type RemediationActor } from "@/lib/remediation/actor";
import { findRunningExclusive, describeRunning } from "@/lib/remediation/run/find-running-exclusive";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import { runActionInputSchema } from "@/lib/remediation/request/run-action-input";
import { findRecentOwnChange } from "@/lib/remediation/request/find-recent-own-change";
import { targetCapabilities, unsupportedReason } from "@/lib/targets/target-capabilities";

export type RequestedAction =
  | { kind: "created"; row: ActionRow; definition: ActionDefinition; immediate: boolean }
  | { kind: "answered"; outcome: ActionOutcome };

const MIN_REASON = 10;
const utcTime = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;

/**
 * Everything before an action runs: parse, authorize against the loaded target, typed
 * confirmation, break-glass rules, idempotency, the per-target lock's fast check, and the
 * recorded request. Every refusal is audited before it is answered.
 */
export async function requestAction(options: {
  actor: RemediationActor;
  input: unknown;
  ctx: ResolvedContext;
  /** The heap dump is a download (startHeapDump); everything else runs through runRemediation. */
  download?: boolean;
}): Promise<RequestedAction> {
  const { actor, ctx } = options;
  const at = ctx.now();
  const audit = { actor: auditActorOf(actor), meta: ctx.meta, at, type: "remediation.refused" as const };
  const raw = (options.input ?? {}) as Record<string, unknown>;
  const parsed = runActionInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const slug = typeof raw.targetSlug === "string" ? raw.targetSlug.slice(0, 63) : null;
    return answered(
      refuseAttempt({
        ...audit,
        code: "INVALID_INPUT",
        message: `Invalid request: ${describeFieldErrors(fieldErrors)}`,
        fieldErrors,
        target: slug ? { id: null, slug } : null,
        actionId: typeof raw.actionId === "string" ? raw.actionId.slice(0, 64) : null,
        parameters: options.input,
      }),
    );
  }
  const input = parsed.data;
  const definition = getActionDefinition(input.actionId as RunbookActionId);
  const found = await db.target.findUnique({ where: { slug: input.targetSlug }, select: { id: true, slug: true, kind: true, memoryLimitMb: true } });
  const target = found ? { id: found.id, slug: found.slug } : null;
  const about = { ...audit, actionId: definition.id, parameters: input.params, breakGlass: input.breakGlass };
  if (!target) {
    return answered(refuseAttempt({ ...about, target: { id: null, slug: input.targetSlug }, code: "NOT_FOUND", message: `No target "${input.targetSlug}".` }));
  }
  const refuse = (code: "FORBIDDEN" | "INVALID_INPUT" | "CONFLICT", message: string, fieldErrors?: Record<string, string>) =>
    answered(refuseAttempt({ ...about, target, code, message, fieldErrors }));
  // The page offers only what the target's kind can take; the server is the check (docs/decisions/0016).
  // A missing restart driver or Redis URL is still found when the action runs, and fails in plain words.
  const unsupported = unsupportedReason(definition, targetCapabilities({ kind: found!.kind, drivers: { restart: true, redis: true } }));
  if (unsupported) return refuse("INVALID_INPUT", unsupported);
  if ((definition.id === "heap-dump") !== Boolean(options.download)) {
    return refuse("INVALID_INPUT", definition.id === "heap-dump" ? "The heap dump is a download: take it from the target page's actions panel." : `${definition.label} is not a download.`);
  }

  // Authorization, on the server, against this target and this action: the page is never the check.
  const needed = definition.secondPerson && !input.breakGlass ? definition.requestPermission : definition.permission;
  if (!actorCan(actor, needed)) {
    const who = actor.kind === "user" ? `Your role (${actor.role})` : `Policy ${actor.policyId}`;
    const what = input.breakGlass ? `break glass for ${definition.label}` : `${definition.secondPerson ? "request" : "run"} ${definition.label}`;
    return refuse("FORBIDDEN", `${who} may not ${what} (needs ${needed}).`);
  }
  const params = definition.params.safeParse(input.params);
  if (!params.success) {
    const fieldErrors = Object.fromEntries(Object.entries(fieldErrorsOf(params.error)).map(([k, v]) => [`params.${k}`, v]));
    return refuse("INVALID_INPUT", `Invalid parameters: ${describeFieldErrors(fieldErrorsOf(params.error))}`, fieldErrors);
  }
  if (definition.typedConfirmation && input.confirmation?.trim() !== target.slug) {
    return refuse("INVALID_INPUT", `Type the target's name, ${target.slug}, to confirm ${definition.label}.`, { confirmation: `Type ${target.slug} to confirm.` });
  }
  if (input.breakGlass) {
    if (!definition.secondPerson) return refuse("INVALID_INPUT", `${definition.label} needs no second person, so there is no glass to break.`);
    if (actor.kind !== "user") return refuse("FORBIDDEN", "Only a person can break glass; a policy's destructive request waits for a lead.");
    if ((input.reason?.length ?? 0) < MIN_REASON) {
      return refuse("INVALID_INPUT", `Break-glass needs a reason of at least ${MIN_REASON} characters.`, { reason: `Say why (at least ${MIN_REASON} characters).` });
    }
    const status = await db.targetAlertStatus.findUnique({ where: { targetId: target.id }, select: { state: true } });
    if (status?.state !== "SEV-1") {
      return refuse("FORBIDDEN", `Break-glass is allowed only while SEV-1 fires on ${target.slug} (now: ${status?.state ?? "no alert state"}). Request it and have another lead approve.`);
    }
    const change = await findRecentOwnChange({ targetId: target.id, userId: actor.id, at });
    if (change) {
      return refuse(
        "FORBIDDEN",
        `Break-glass is refused: you changed ${target.slug}'s ${change.what} at ${utcTime(change.at)}, less than an hour ago. ` +
          "Whoever changes a target's rules or drivers cannot also break glass on it alone: request it and have another lead approve.",
      );
    }
  }

  const existing = await db.remediationAction.findUnique({ where: { idempotencyKey: input.idempotencyKey }, include: actionInclude });
  if (existing) return answered(answerDuplicate({ existing, actor, targetId: target.id, actionId: definition.id, ctx, at }));

  const immediate = !definition.secondPerson || input.breakGlass;
  if (immediate && definition.risk !== "safe") {
    const running = await findRunningExclusive({ targetId: target.id, now: at });
    if (running) return refuse("CONFLICT", `${describeRunning(running)} Wait for it to finish.`);
  }

  const diagnosis = await recordedDiagnosis({ targetId: target.id, limitMb: found!.memoryLimitMb, now: at });
  const state = immediate ? "requested" : "awaiting_approval";
  const expiresAt = immediate ? null : new Date(at.getTime() + ctx.approvalTtlMs);
  const created = await db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO remediation_actions (target_id, action_id, risk, params, idempotency_key, state, requested_by_kind,
        requested_by_id, requested_by_label, requested_by_role, reason, break_glass, requested_at, approval_expires_at,
        transitions, run_meta, incident_id, diagnosis_pattern, diagnosis_component)
      VALUES (${target.id}, ${definition.id}, ${definition.risk}, ${JSON.stringify(params.data)}::jsonb, ${input.idempotencyKey},
        ${state}, ${actor.kind}, ${actor.kind === "user" ? actor.id : null}, ${actorLabel(actor)}, ${actorRole(actor)},
        ${input.reason ?? null}, ${input.breakGlass}, ${at}, ${expiresAt},
        ${JSON.stringify([{ state, at: at.toISOString(), by: actorLabel(actor) }])}::jsonb, ${JSON.stringify(ctx.meta)}::jsonb,
        (SELECT id FROM incidents WHERE target_id = ${target.id} AND status = 'open' LIMIT 1),
        ${diagnosis?.pattern ?? null}, ${diagnosis?.component ?? null})
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) return null;
    const row = await tx.remediationAction.findUniqueOrThrow({ where: { id: inserted[0].id }, include: actionInclude });
    const incidentSummary = input.breakGlass
      ? `⚠ BREAK-GLASS: ${actorLabel(actor)} (${actorRole(actor)}) runs ${definition.label} without a second person while SEV-1 fires. Reason: ${input.reason}`
      : immediate
        ? undefined
        : `${definition.label} requested by ${actorLabel(actor)}: waiting for a lead's approval until ${utcTime(expiresAt!)}`;
    if (!immediate) {
      // Leads are told a destructive request waits for them (lib/notifications; decision 0020).
      const event = { kind: "approval_waiting", action: definition.label, requestedBy: actorLabel(actor), reason: input.reason ?? null, remediationId: row.id, expiresAt: utcTime(expiresAt!) } as const;
      await notifyOnCallEvent({ tx, targetId: target.id, incidentId: row.incidentId, event, now: at });
    }
    await recordActionEvent(tx, {
      row,
      type: "remediation.requested",
      outcome: immediate ? "accepted" : "awaiting_approval",
      actor: auditActorOf(actor),
      meta: ctx.meta,
      at,
      incidentSummary,
      data: input.breakGlass ? { breakGlassReason: input.reason } : {},
    });
    return row;
  }, TX_OPTIONS);
  if (!created) {
    // Another request with the same key won the insert a moment ago: this one is its duplicate.
    const winner = await db.remediationAction.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, include: actionInclude });
    return answered(answerDuplicate({ existing: winner, actor, targetId: target.id, actionId: definition.id, ctx, at }));
  }
  return { kind: "created", row: created, definition, immediate };
}

/**
 * The diagnosis the page showed when the action was asked for, kept for insights (decision 0023).
 * A request never fails for it: a read error records none.
 */
async function recordedDiagnosis(options: { targetId: number; limitMb: number; now: Date }): Promise<{ pattern: string; component: string | null } | null> {
  try {
    const { diagnosis } = await diagnoseTarget(options);
    return { pattern: diagnosis.pattern, component: diagnosis.component?.key ?? null };
  } catch {
    return null;
  }
}

async function answered(outcome: Promise<ActionOutcome>): Promise<RequestedAction> {
  return { kind: "answered", outcome: await outcome };
}

/** A retry or a double click: recorded, and answered with the action the first one started. */
async function answerDuplicate(options: {
  existing: ActionRow;
  actor: RemediationActor;
  targetId: number;
  actionId: string;
  ctx: ResolvedContext;
  at: Date;
}): Promise<ActionOutcome> {
  const { existing, actor, ctx, at } = options;
  const sameRequester = existing.requestedByLabel === actorLabel(actor) && existing.requestedById === (actor.kind === "user" ? actor.id : null);
  if (!sameRequester || existing.targetId !== options.targetId || existing.actionId !== options.actionId) {
    return refuseAttempt({
      type: "remediation.refused",
      code: "INVALID_INPUT",
      message: "This request id was already used for a different request; reopen the dialog and try again.",
      actor: auditActorOf(actor),
      meta: ctx.meta,
      at,
      target: { id: options.targetId, slug: existing.target.slug },
      actionId: options.actionId,
    });
  }
  await db.$transaction(
    (tx) => recordActionEvent(tx, { row: existing, type: "remediation.requested", outcome: "duplicate", actor: auditActorOf(actor), meta: ctx.meta, at }),
    TX_OPTIONS,
  );
  return { ok: true, action: toActionView(existing), duplicate: true };
}
