import "server-only";
import { db } from "@/lib/db";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import type { ActionRow } from "@/lib/remediation/action-rows";
import { callTarget } from "@/lib/remediation/drivers/call-target";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { finishAction, type Finish } from "@/lib/remediation/run/finish-action";
import { createStepRecorder } from "@/lib/remediation/run/step-recorder";

/**
 * Carries out a run this worker holds: marks the outbound call as started (from then on a dead
 * worker's run is failed, not resumed), calls the target through its driver with a timeout,
 * saving each step as it happens, and records the outcome. Returns null when another worker
 * took the run over meanwhile (its lease lapsed): then this one never calls the target.
 */
export async function carryOutAction(options: { row: ActionRow; drivers: Drivers; ctx: ResolvedContext; workerId: string }): Promise<ActionRow | null> {
  const { row, drivers, ctx, workerId } = options;
  const mine = await db.remediationAction.updateMany({
    where: { id: row.id, state: "running", claimedBy: workerId, callStartedAt: null },
    data: { callStartedAt: ctx.now(), heartbeatAt: ctx.now() },
  });
  if (mine.count === 0) return null;
  const steps = createStepRecorder({
    now: ctx.now,
    persist: async (list) => void (await db.remediationAction.update({ where: { id: row.id }, data: { steps: list } })),
  });
  let finish: Finish;
  try {
    const call = await callTarget({
      definition: getActionDefinition(row.actionId as RunbookActionId),
      params: (row.params ?? {}) as Record<string, unknown>,
      target: row.target,
      drivers,
      timeoutMs: ctx.timeoutMs,
      steps,
      restartPollMs: ctx.restartPollMs,
    });
    finish = { kind: "succeeded", call };
  } catch (error) {
    finish = { kind: "failed", error };
  }
  return finishAction({ id: row.id, ctx, finish, steps: steps.list(), workerId });
}
