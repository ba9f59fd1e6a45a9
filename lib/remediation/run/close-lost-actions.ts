import "server-only";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, type ActionRow } from "@/lib/remediation/action-rows";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";

/** A worker renews the lease on each run it holds well within this; a lease older than this belongs to a dead worker. */
export const LEASE_MS = 30_000;

const utc = (date: Date) => `${date.toISOString().slice(11, 19)} UTC`;

/** What happened to a run whose process died, in plain words, and the state it ends in. */
function describeLoss(row: ActionRow): { state: "failed" | "timed_out"; message: string } {
  const definition = getActionDefinition(row.actionId as RunbookActionId);
  if (row.claimedBy && row.heartbeatAt) {
    const consequence = definition.endpoint.kind === "restart" ? "the target may or may not have restarted" : "it may or may not have taken effect";
    const when = row.callStartedAt ? "after its call to the target had started" : "before its call to the target started";
    return { state: "failed", message: `The worker running it (${row.claimedBy}) stopped at ${utc(row.heartbeatAt)}, ${when}: ${consequence}. Check it before running it again.` };
  }
  if (definition.id === "heap-dump") {
    return { state: "failed", message: `The web request streaming this heap dump stopped before the last byte (started ${utc(row.startedAt ?? row.requestedAt)}): no complete file was delivered.` };
  }
  return { state: "timed_out", message: "The console lost track of this action (the process running it stopped before it finished). Check the target before running it again." };
}

/** running → failed | timed_out for a run whose process died; on the incident's timeline and in the audit trail. */
export async function closeLostRun(tx: Prisma.TransactionClient, row: ActionRow, at: Date, meta: RequestMeta | null): Promise<ActionRow> {
  const loss = describeLoss(row);
  const closed = await applyTransition(tx, row, { to: loss.state, at, data: { finishedAt: at, error: loss.message, errorKind: "lost" } });
  await recordActionEvent(tx, {
    row: closed,
    type: "remediation.finished",
    outcome: loss.state,
    actor: { kind: "system", label: "headroom" },
    meta,
    at,
    error: loss.message,
    incidentSummary: `${getActionDefinition(row.actionId as RunbookActionId).label} ${loss.state === "failed" ? "failed" : "timed out"}: ${loss.message}`,
    data: row.claimedBy ? { worker: row.claimedBy } : {},
  });
  return closed;
}

/**
 * Closes running actions past their deadline whose process is gone (no lease, or a lease nobody
 * renews): a web request that died mid-download, or a worker that died with nobody left to
 * resume its run. Rows another transaction holds are skipped, never waited for.
 */
export async function closeLostActions(tx: Prisma.TransactionClient, options: { targetId?: number; at: Date; meta: RequestMeta | null }): Promise<number> {
  const { at } = options;
  const staleLease = new Date(at.getTime() - LEASE_MS);
  const candidates = await tx.remediationAction.findMany({
    where: {
      ...(options.targetId !== undefined ? { targetId: options.targetId } : {}),
      state: "running",
      deadlineAt: { lt: at },
      OR: [{ claimedBy: null }, { heartbeatAt: { lt: staleLease } }],
    },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 50,
  });
  let closed = 0;
  for (const { id } of candidates) {
    const free = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM remediation_actions WHERE id = ${id} FOR UPDATE SKIP LOCKED`;
    if (free.length === 0) continue;
    const row = await lockAction(tx, id);
    if (!row || row.state !== "running" || !row.deadlineAt || row.deadlineAt >= at) continue;
    if (row.heartbeatAt && row.heartbeatAt >= staleLease) continue;
    await closeLostRun(tx, row, at, options.meta);
    closed += 1;
  }
  return closed;
}
