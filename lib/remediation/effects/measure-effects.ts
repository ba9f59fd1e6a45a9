import "server-only";
import { db } from "@/lib/db";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import { TX_OPTIONS } from "@/lib/remediation/action-rows";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import type { EffectActionInput } from "@/lib/remediation/effects/attribute-effects";
import { BEFORE_MAX_AGE_MS } from "@/lib/remediation/effects/measure-before";
import { CHECKPOINTS, planAttributedEffect, SAMPLE_WINDOW_MS } from "@/lib/remediation/effects/plan-effect";

/** Actions started this long before a due one are read to find the group it belongs to. */
const GROUP_LOOKBACK_MS = 60 * 60_000;

/**
 * Fills in each finished action's effect from the samples the collector stored: memory 1 and 5
 * minutes after its measurement group's last action, the growth after it, and what can be said
 * of it alone. Figures are recomputed from the stored samples until complete, since a later
 * action can still join the group. Several workers may run it: rows are claimed with SKIP LOCKED.
 */
export async function measureEffects(options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db.remediationAction.findMany({
    where: { effectStatus: { in: ["pending", "partial"] }, startedAt: { not: null }, finishedAt: { not: null, lte: new Date(now.getTime() - CHECKPOINTS.after1m) } },
    select: { id: true },
    orderBy: { finishedAt: "asc" },
    take: options.limit ?? 50,
  });
  let updated = 0;
  for (const { id } of due) {
    updated += await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM remediation_actions WHERE id = ${id} FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return 0;
      const row = await tx.remediationAction.findUniqueOrThrow({
        where: { id },
        select: { id: true, targetId: true, startedAt: true, target: { select: { memoryLimitMb: true } } },
      });
      const around = await tx.remediationAction.findMany({
        where: { targetId: row.targetId, startedAt: { gte: new Date(row.startedAt!.getTime() - GROUP_LOOKBACK_MS), lte: now } },
        select: { id: true, actionId: true, startedAt: true, finishedAt: true, result: true },
        orderBy: { startedAt: "asc" },
        take: 200,
      });
      const actions = around.map(toEffectInput);
      const from = Math.min(...actions.map((a) => a.startedAt)) - BEFORE_MAX_AGE_MS;
      const to = Math.max(...actions.map((a) => a.finishedAt ?? now.getTime())) + CHECKPOINTS.after5m + SAMPLE_WINDOW_MS;
      const samples = await readRawSeries({ targetId: row.targetId, from: new Date(from), to: new Date(to), db: tx });
      await tx.remediationAction.update({ where: { id }, data: planAttributedEffect({ id, limitMb: row.target.memoryLimitMb, actions, samples, now }) });
      return 1;
    }, TX_OPTIONS);
  }
  return updated;
}

function toEffectInput(row: { id: number; actionId: string; startedAt: Date | null; finishedAt: Date | null; result: Prisma.JsonValue }): EffectActionInput {
  const result = row.result && typeof row.result === "object" && !Array.isArray(row.result) ? (row.result as Record<string, unknown>) : {};
  return {
    id: row.id,
    restart: getActionDefinition(row.actionId as RunbookActionId)?.endpoint.kind === "restart",
    startedAt: row.startedAt!.getTime(),
    finishedAt: row.finishedAt?.getTime() ?? null,
    reportedFreedMb: typeof result.reportedFreedMb === "number" ? result.reportedFreedMb : null,
  };
}
