import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";

export type RunningAction = { id: number; actionId: string; requestedByLabel: string; startedAt: Date | null };

/**
 * The disruptive or destructive action running on a target, if any (the per-target lock's
 * holder). One past its deadline is ignored: its process died, and the next start closes it.
 */
export async function findRunningExclusive(options: { targetId: number; excludeId?: number; now?: Date; db?: Db }): Promise<RunningAction | null> {
  const db = options.db ?? defaultDb;
  return db.remediationAction.findFirst({
    where: {
      targetId: options.targetId,
      state: "running",
      risk: { not: "safe" },
      deadlineAt: { gte: options.now ?? new Date() },
      ...(options.excludeId ? { id: { not: options.excludeId } } : {}),
    },
    select: { id: true, actionId: true, requestedByLabel: true, startedAt: true },
  });
}

export function describeRunning(running: RunningAction): string {
  const label = getActionDefinition(running.actionId as RunbookActionId)?.label ?? running.actionId;
  const since = running.startedAt ? ` since ${running.startedAt.toISOString().slice(11, 19)} UTC` : "";
  return `${label} (#${running.id}, asked for by ${running.requestedByLabel}) is running on this target${since}; only one disruptive or destructive action runs at a time.`;
}
