import "server-only";
import { db } from "@/lib/db";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { actionInclude, lockAction, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { closeLostRun } from "@/lib/remediation/run/close-lost-actions";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import { deadlineOf, loadDrivers } from "@/lib/remediation/run/start-action";

export type Recovery =
  | { kind: "none" }
  | { kind: "resumed"; row: ActionRow; drivers: Drivers; previousWorker: string }
  | { kind: "failed"; row: ActionRow; previousWorker: string };

/**
 * A run whose worker stopped renewing its lease. If its outbound call had not started, nothing
 * happened to the target yet: this worker takes the lease over and runs it. Otherwise nobody
 * knows what the target did, so it is failed with the reason, never left "running".
 */
export async function recoverLeasedRun(options: { id: number; ctx: ResolvedContext; workerId: string; leaseMs: number }): Promise<Recovery> {
  const { id, ctx, workerId } = options;
  const now = ctx.now();
  return db.$transaction(async (tx): Promise<Recovery> => {
    const free = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM remediation_actions WHERE id = ${id} FOR UPDATE SKIP LOCKED`;
    if (free.length === 0) return { kind: "none" };
    const row = await lockAction(tx, id);
    if (!row || row.state !== "running" || !row.claimedBy || !row.heartbeatAt) return { kind: "none" };
    if (row.heartbeatAt.getTime() >= now.getTime() - options.leaseMs) return { kind: "none" };
    const previousWorker = row.claimedBy;
    if (row.callStartedAt) return { kind: "failed", row: await closeLostRun(tx, row, now, ctx.meta), previousWorker };
    const drivers = await loadDrivers(tx, row, ctx);
    const resumed = await tx.remediationAction.update({
      where: { id },
      data: { claimedBy: workerId, heartbeatAt: now, deadlineAt: deadlineOf(getActionDefinition(row.actionId as RunbookActionId), drivers, ctx, now) },
      include: actionInclude,
    });
    await recordActionEvent(tx, {
      row: resumed,
      type: "remediation.resumed",
      outcome: "running",
      actor: { kind: "system", label: "headroom" },
      meta: ctx.meta,
      at: now,
      data: { worker: workerId, previousWorker, previousWorkerLastSeen: row.heartbeatAt.toISOString() },
    });
    return { kind: "resumed", row: resumed, drivers, previousWorker };
  }, TX_OPTIONS);
}
