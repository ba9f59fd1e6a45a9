import "server-only";
import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { systemRequestMeta } from "@/lib/audit/request-meta";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";

/**
 * An action waiting to be run (requested, or approved) that no worker started within this long
 * was never picked up (no worker running, or the console stopped in between): it fails closed
 * rather than running long after the person asked, on numbers that no longer hold.
 */
export const START_GRACE_MS = 5 * 60_000;

/** awaiting_approval → expired, recorded (the caller holds the row lock). */
export async function expireAction(tx: Prisma.TransactionClient, row: ActionRow, at: Date, meta: RequestMeta | null): Promise<ActionRow> {
  const expired = await applyTransition(tx, row, { to: "expired", at, data: { decidedAt: at, effectStatus: "not_applicable", finishedAt: at } });
  await recordActionEvent(tx, {
    row: expired,
    type: "remediation.expired",
    outcome: "expired",
    actor: { kind: "system", label: "headroom" },
    meta,
    at,
    incidentSummary: `${getActionDefinition(row.actionId as RunbookActionId).label} requested by ${row.requestedByLabel} expired without approval`,
  });
  return expired;
}

/**
 * Closes requests nobody approved in time, and actions whose run never started. Safe to run
 * from several workers and page loads at once: each row is claimed with SKIP LOCKED.
 */
export async function expireApprovals(options: { now?: Date } = {}): Promise<number> {
  const at = options.now ?? new Date();
  const due = await db.remediationAction.findMany({
    where: {
      OR: [
        { state: "awaiting_approval", approvalExpiresAt: { lte: at } },
        { state: "approved", decidedAt: { lte: new Date(at.getTime() - START_GRACE_MS) } },
        { state: "requested", requestedAt: { lte: new Date(at.getTime() - START_GRACE_MS) } },
      ],
    },
    select: { id: true },
    take: 100,
  });
  let closed = 0;
  for (const { id } of due) {
    closed += await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM remediation_actions WHERE id = ${id} FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return 0;
      const row = await lockAction(tx, id);
      const meta = systemRequestMeta("headroom expiry");
      if (row?.state === "awaiting_approval" && row.approvalExpiresAt && row.approvalExpiresAt <= at) {
        await expireAction(tx, row, at, meta);
        return 1;
      }
      if (row?.state === "approved" || row?.state === "requested") {
        const message =
          row.state === "approved"
            ? "Approved, but the run never started (no worker took it up within 5 minutes); not run."
            : "Not run: no worker took it up within 5 minutes (is the worker running?). Ask for it again if it is still needed.";
        const failed = await applyTransition(tx, row, { to: "failed", at, data: { finishedAt: at, error: message, errorKind: "lost", effectStatus: "not_applicable" } });
        await recordActionEvent(tx, { row: failed, type: "remediation.finished", outcome: "failed", actor: { kind: "system", label: "headroom" }, meta, at, error: message });
        return 1;
      }
      return 0;
    }, TX_OPTIONS);
  }
  return closed;
}

