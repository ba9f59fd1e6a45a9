import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Intervention } from "@/lib/diagnosis/find-mitigations";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";

/**
 * Actions that ran and finished on the targets in [from, to], per target, oldest first: what the
 * diagnosis and the forecast need to tell a mitigation's drop from the end of a leak.
 */
export async function listInterventions(options: { targetIds: number[]; from: Date; to: Date; db?: Db }): Promise<Map<number, Intervention[]>> {
  const db = options.db ?? defaultDb;
  const byTarget = new Map<number, Intervention[]>();
  if (options.targetIds.length === 0) return byTarget;
  const rows = await db.remediationAction.findMany({
    where: { targetId: { in: options.targetIds }, startedAt: { not: null }, finishedAt: { gte: options.from, lte: options.to } },
    select: { id: true, targetId: true, actionId: true, startedAt: true, finishedAt: true },
    orderBy: { startedAt: "asc" },
    take: 500,
  });
  for (const row of rows) {
    const definition = getActionDefinition(row.actionId as RunbookActionId);
    const list = byTarget.get(row.targetId) ?? [];
    list.push({
      id: row.id,
      label: definition?.label ?? row.actionId,
      restart: definition?.endpoint.kind === "restart",
      startedAt: row.startedAt!.getTime(),
      finishedAt: row.finishedAt!.getTime(),
    });
    byTarget.set(row.targetId, list);
  }
  return byTarget;
}
