import "server-only";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/audit-event";
import { describeError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { TargetApiError } from "@/lib/target-api/client";
import { getActionDefinition, type ActionDefinition } from "@/lib/remediation/action-catalogue";
import { actionInclude, applyTransition, lockAction, toActionView, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { ActionOutcome, ActionStep } from "@/lib/remediation/action-view";
import { callTarget, type CallResult } from "@/lib/remediation/drivers/call-target";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import { describeRunning, findRunningExclusive } from "@/lib/remediation/run/find-running-exclusive";
import { measureBefore } from "@/lib/remediation/effects/measure-before";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { resolveDrivers, type Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import { createStepRecorder } from "@/lib/remediation/run/step-recorder";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { demoDriversFor } from "@/lib/targets/target-capabilities";

/** Past its deadline by this much, a running action is taken to be lost (its process died). */
const LOST_AFTER_MS = 60_000;
const HEAP_DUMP_TIMEOUT_MS = 60_000;

export type Started = { kind: "started"; row: ActionRow; drivers: Drivers } | { kind: "not_started"; row: ActionRow | null; message: string; code: string };

/** The driver settings and timeouts an action runs with. */
export async function loadDrivers(row: ActionRow, ctx: ResolvedContext): Promise<Drivers> {
  const settings = await db.remediationSettings.findUnique({ where: { targetId: row.targetId } });
  return resolveDrivers({ baseUrl: row.target.baseUrl, settings, demo: demoDriversFor(row.target.kind, ctx.demo) });
}

function limitFor(definition: ActionDefinition, drivers: Drivers, ctx: ResolvedContext): number {
  if (definition.endpoint.kind === "restart") return drivers.restartTimeoutMs + ctx.timeoutMs;
  if (definition.id === "heap-dump") return HEAP_DUMP_TIMEOUT_MS;
  return ctx.timeoutMs;
}

/**
 * requested | approved → running, under the target's lock: one disruptive or destructive action
 * at a time per target, across every replica (an advisory lock serialises starters, the partial
 * unique index on running rows is the guarantee). Actions lost by a dead process are closed first.
 */
export async function startAction(options: { id: number; runner: AuditActor; ctx: ResolvedContext }): Promise<Started> {
  const { ctx } = options;
  const at = ctx.now();
  try {
    return await db.$transaction(async (tx) => {
      const peek = await tx.remediationAction.findUnique({ where: { id: options.id }, select: { targetId: true } });
      if (!peek) return { kind: "not_started", row: null, code: "NOT_FOUND", message: `No action #${options.id}.` } as const;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('headroom_remediation_target'), ${peek.targetId}::int)`;
      await closeLostActions(tx, peek.targetId, at, ctx);
      const row = await lockAction(tx, options.id);
      if (!row || !["requested", "approved"].includes(row.state)) {
        return { kind: "not_started", row, code: "CONFLICT", message: `Action #${options.id} is ${row?.state ?? "gone"}, not ready to run.` } as const;
      }
      const definition = getActionDefinition(row.actionId as RunbookActionId);
      if (row.risk !== "safe") {
        const running = await findRunningExclusive({ targetId: row.targetId, excludeId: row.id, now: at, db: tx });
        if (running) {
          const message = `Not run: ${describeRunning(running)}`;
          const blocked = await applyTransition(tx, row, {
            to: "failed",
            at,
            data: { finishedAt: at, error: message, errorKind: "conflict", effectStatus: "not_applicable" },
          });
          await recordActionEvent(tx, { row: blocked, type: "remediation.finished", outcome: "failed", actor: options.runner, meta: ctx.meta, at, error: message });
          return { kind: "not_started", row: blocked, code: "CONFLICT", message } as const;
        }
      }
      const drivers = await loadDrivers(row, ctx);
      const before = await measureBefore({ targetId: row.targetId, limitMb: await limitMbOf(tx, row.targetId), at, db: tx });
      const running = await applyTransition(tx, row, {
        to: "running",
        at,
        by: options.runner.label ?? undefined,
        data: { startedAt: at, deadlineAt: new Date(at.getTime() + limitFor(definition, drivers, ctx) + LOST_AFTER_MS), ...before },
      });
      await recordActionEvent(tx, { row: running, type: "remediation.started", outcome: "running", actor: options.runner, meta: ctx.meta, at });
      return { kind: "started", row: running, drivers } as const;
    }, TX_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The unique index caught a start the advisory lock did not serialise: refuse, recorded.
    return db.$transaction(async (tx) => {
      const row = await lockAction(tx, options.id);
      if (!row) return { kind: "not_started", row: null, code: "NOT_FOUND", message: `No action #${options.id}.` } as const;
      const message = "Not run: another disruptive or destructive action started on this target at the same moment.";
      const blocked = await applyTransition(tx, row, { to: "failed", at, data: { finishedAt: at, error: message, errorKind: "conflict", effectStatus: "not_applicable" } });
      await recordActionEvent(tx, { row: blocked, type: "remediation.finished", outcome: "failed", actor: options.runner, meta: ctx.meta, at, error: message });
      return { kind: "not_started", row: blocked, code: "CONFLICT", message } as const;
    }, TX_OPTIONS);
  }
}

async function limitMbOf(tx: Prisma.TransactionClient, targetId: number): Promise<number> {
  const target = await tx.target.findUniqueOrThrow({ where: { id: targetId }, select: { memoryLimitMb: true } });
  return target.memoryLimitMb;
}

async function closeLostActions(tx: Prisma.TransactionClient, targetId: number, at: Date, ctx: ResolvedContext) {
  const lost = await tx.remediationAction.findMany({
    where: { targetId, state: "running", deadlineAt: { lt: at } },
    include: actionInclude,
  });
  for (const row of lost) {
    const message = "The console lost track of this action (the process running it stopped before it finished). Check the target before running it again.";
    const closed = await applyTransition(tx, row, { to: "timed_out", at, data: { finishedAt: at, error: message, errorKind: "lost" } });
    await recordActionEvent(tx, {
      row: closed,
      type: "remediation.finished",
      outcome: "timed_out",
      actor: { kind: "system", label: "headroom" },
      meta: ctx.meta,
      at,
      error: message,
      incidentSummary: `${getActionDefinition(row.actionId as RunbookActionId).label} timed out: ${message}`,
    });
  }
}

export type Finish =
  | { kind: "succeeded"; call: CallResult; extra?: Prisma.RemediationActionUpdateInput }
  | { kind: "failed"; error: unknown };

/** The failure in plain words and whether it was a timeout (state timed_out) or not (failed). */
export function describeFailure(error: unknown): { state: "failed" | "timed_out"; message: string; kind: string } {
  if (error instanceof TargetApiError) {
    if (error.kind === "timeout") {
      return { state: "timed_out", kind: "timeout", message: `${error.message} It may still have taken effect: check the chart before running it again.` };
    }
    return { state: "failed", kind: error.kind, message: error.message };
  }
  if (error instanceof DriverError) return { state: error.kind === "timeout" ? "timed_out" : "failed", kind: error.kind, message: error.message };
  return { state: "failed", kind: "internal", message: `Unexpected error: ${describeError(error)}` };
}

/** running → succeeded | failed | timed_out, with the result or the error, on the timeline and in the audit trail. */
export async function finishAction(options: { id: number; runner: AuditActor; ctx: ResolvedContext; finish: Finish; steps?: ActionStep[] }): Promise<ActionRow> {
  const { ctx, finish } = options;
  const at = ctx.now();
  const done = await db.$transaction(async (tx) => {
    const row = await lockAction(tx, options.id);
    if (!row) throw new Error(`action #${options.id} disappeared`);
    const label = getActionDefinition(row.actionId as RunbookActionId).label;
    const steps = options.steps ? { steps: options.steps } : {};
    if (row.state !== "running") {
      // Closed as lost meanwhile: keep that record, and add what finally happened to the audit trail.
      const lateState = finish.kind === "succeeded" ? "succeeded" : describeFailure(finish.error).state;
      await recordActionEvent(tx, { row, type: "remediation.finished", outcome: lateState, actor: options.runner, meta: ctx.meta, at, data: { late: true } });
      return row;
    }
    if (finish.kind === "succeeded") {
      const done = await applyTransition(tx, row, {
        to: "succeeded",
        at,
        data: { ...steps, ...finish.extra, finishedAt: at, result: { summary: finish.call.summary, reportedFreedMb: finish.call.reportedFreedMb, details: finish.call.result } as Prisma.InputJsonValue },
      });
      await recordActionEvent(tx, {
        row: done,
        type: "remediation.finished",
        outcome: "succeeded",
        actor: options.runner,
        meta: ctx.meta,
        at,
        incidentSummary: `${label} succeeded${done.breakGlass ? " (break-glass)" : ""}: ${finish.call.summary}`,
        data: { summary: finish.call.summary },
      });
      return done;
    }
    const failure = describeFailure(finish.error);
    const done = await applyTransition(tx, row, { to: failure.state, at, data: { ...steps, finishedAt: at, error: failure.message, errorKind: failure.kind } });
    await recordActionEvent(tx, {
      row: done,
      type: "remediation.finished",
      outcome: failure.state,
      actor: options.runner,
      meta: ctx.meta,
      at,
      error: failure.message,
      incidentSummary: `${label} ${failure.state === "timed_out" ? "timed out" : "failed"}: ${failure.message}`,
    });
    return done;
  }, TX_OPTIONS);
  headroomMetrics().remediationRuns.inc({ action: done.actionId, outcome: done.state });
  return done;
}

/** Starts an action, carries it out against the target with a timeout, and records the outcome. */
export async function executeAction(options: { id: number; runner: AuditActor; ctx: ResolvedContext }): Promise<ActionOutcome> {
  const started = await startAction(options);
  if (started.kind === "not_started") {
    return { ok: false, code: started.code, message: started.message, ...(started.row ? { action: toActionView(started.row) } : {}) };
  }
  const { row, drivers } = started;
  const steps = createStepRecorder({
    now: options.ctx.now,
    persist: async (list) => void (await db.remediationAction.update({ where: { id: row.id }, data: { steps: list } })),
  });
  let finish: Finish;
  try {
    const call = await callTarget({
      definition: getActionDefinition(row.actionId as RunbookActionId),
      params: (row.params ?? {}) as Record<string, unknown>,
      target: row.target,
      drivers,
      timeoutMs: options.ctx.timeoutMs,
      steps,
      restartPollMs: options.ctx.restartPollMs,
    });
    finish = { kind: "succeeded", call };
  } catch (error) {
    finish = { kind: "failed", error };
  }
  const done = await finishAction({ ...options, finish, steps: steps.list() });
  return { ok: true, action: toActionView(done), duplicate: false };
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /P2002|23505|unique constraint/i.test(text);
}
