import "server-only";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/audit-event";
import { describeError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { TargetApiError } from "@/lib/target-api/client";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { ActionStep } from "@/lib/remediation/action-view";
import type { CallResult } from "@/lib/remediation/drivers/call-target";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import { runMetaOf, runnerOf } from "@/lib/remediation/run/run-identity";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

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

/**
 * running → succeeded | failed | timed_out, with the result or the error, on the timeline and in
 * the audit trail (as the run's own actor and request). `workerId` names the worker in the row.
 */
export async function finishAction(options: { id: number; ctx: ResolvedContext; finish: Finish; steps?: ActionStep[]; workerId?: string }): Promise<ActionRow> {
  const { ctx, finish } = options;
  const at = ctx.now();
  const worker = options.workerId ? { worker: options.workerId } : {};
  const { row, finished } = await db.$transaction(async (tx) => {
    const row = await lockAction(tx, options.id);
    if (!row) throw new Error(`action #${options.id} disappeared`);
    const actor: AuditActor = runnerOf(row);
    const meta = runMetaOf(row, ctx.meta);
    const label = getActionDefinition(row.actionId as RunbookActionId).label;
    const steps = options.steps ? { steps: options.steps } : {};
    if (row.state !== "running") {
      // Closed as lost meanwhile: keep that record, and add what finally happened to the audit trail.
      const lateState = finish.kind === "succeeded" ? "succeeded" : describeFailure(finish.error).state;
      await recordActionEvent(tx, { row, type: "remediation.finished", outcome: lateState, actor, meta, at, data: { late: true, ...worker } });
      return { row, finished: false };
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
        actor,
        meta,
        at,
        incidentSummary: `${label} succeeded${done.breakGlass ? " (break-glass)" : ""}: ${finish.call.summary}`,
        data: { summary: finish.call.summary, ...worker },
      });
      return { row: done, finished: true };
    }
    const failure = describeFailure(finish.error);
    const done = await applyTransition(tx, row, { to: failure.state, at, data: { ...steps, finishedAt: at, error: failure.message, errorKind: failure.kind } });
    await recordActionEvent(tx, {
      row: done,
      type: "remediation.finished",
      outcome: failure.state,
      actor,
      meta,
      at,
      error: failure.message,
      incidentSummary: `${label} ${failure.state === "timed_out" ? "timed out" : "failed"}: ${failure.message}`,
      data: worker,
    });
    return { row: done, finished: true };
  }, TX_OPTIONS);
  // A late finish (the run was closed as lost meanwhile) adds no outcome: the row keeps the one it has.
  if (finished) headroomMetrics().remediationRuns.inc({ action: row.actionId, outcome: row.state });
  return row;
}
