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

/**
 * A disruptive or destructive action that started on the target after `since` (when this one was
 * asked for, or approved) and is over now. The person decided on the target as it was before it:
 * two asked for at the same moment do not both run one after the other.
 */
export async function findInterveningExclusive(options: { targetId: number; excludeId: number; since: Date; db: Db }): Promise<RunningAction | null> {
  return options.db.remediationAction.findFirst({
    where: { targetId: options.targetId, id: { not: options.excludeId }, risk: { not: "safe" }, startedAt: { gte: options.since }, state: { not: "running" } },
    select: { id: true, actionId: true, requestedByLabel: true, startedAt: true },
    orderBy: { startedAt: "asc" },
  });
}

export function describeIntervening(action: RunningAction): string {
  const label = getActionDefinition(action.actionId as RunbookActionId)?.label ?? action.actionId;
  const at = action.startedAt ? ` at ${action.startedAt.toISOString().slice(11, 19)} UTC` : "";
  return `${label} (#${action.id}, asked for by ${action.requestedByLabel}) ran on this target${at}, after this was asked for; look at the target again and ask again if it is still needed.`;
}
