import "server-only";
import { db } from "@/lib/db";
import { forecastMemory } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TX_OPTIONS } from "@/lib/remediation/action-rows";
import { readRawSeries } from "@/lib/metrics/read-raw-series";

const MINUTE = 60_000;
/** The first sample at or after a checkpoint counts if it is at most this late. */
const SAMPLE_WINDOW_MS = 2 * MINUTE;
/** After this long past a checkpoint without a sample, that point is given up as unavailable. */
const GIVE_UP_MS = 3 * MINUTE;
const CHECKPOINTS = { after1m: 1 * MINUTE, after5m: 5 * MINUTE } as const;

type DueRow = {
  id: number;
  targetId: number;
  finishedAt: Date;
  memoryAfter1mMb: number | null;
  memoryAfter5mMb: number | null;
  growthAfterMbPer5m: number | null;
  target: { memoryLimitMb: number };
};

/** The effect figures due for one action at `now`, from the samples after it finished. Pure. */
export function planEffect(row: DueRow, samples: MemoryPoint[], now: Date): Prisma.RemediationActionUpdateInput {
  const t0 = row.finishedAt.getTime();
  const at = (offset: number) => samples.find((s) => s.t >= t0 + offset && s.t <= t0 + offset + SAMPLE_WINDOW_MS)?.valueMb ?? null;
  const givenUp = (offset: number) => now.getTime() >= t0 + offset + GIVE_UP_MS;
  const after1m = row.memoryAfter1mMb ?? (now.getTime() >= t0 + CHECKPOINTS.after1m ? at(CHECKPOINTS.after1m) : null);
  const after5m = row.memoryAfter5mMb ?? (now.getTime() >= t0 + CHECKPOINTS.after5m ? at(CHECKPOINTS.after5m) : null);
  let growthAfter = row.growthAfterMbPer5m;
  if (growthAfter === null && now.getTime() >= t0 + CHECKPOINTS.after5m) {
    const window = samples.filter((s) => s.t > t0 && s.t <= t0 + CHECKPOINTS.after5m);
    if (window.length >= 3) growthAfter = forecastMemory({ samples: window, limitMb: row.target.memoryLimitMb }).growthMbPer5m.theilSen;
  }
  const done1 = after1m !== null || givenUp(CHECKPOINTS.after1m);
  const done5 = after5m !== null || givenUp(CHECKPOINTS.after5m);
  const status = done1 && done5 ? (after1m === null && after5m === null ? "unavailable" : "complete") : after1m !== null ? "partial" : "pending";
  return { memoryAfter1mMb: after1m, memoryAfter5mMb: after5m, growthAfterMbPer5m: growthAfter, effectStatus: status };
}

/**
 * Fills in memory 1 and 5 minutes after each finished action, and the growth rate after it,
 * from the samples the collector stored. Several workers may run it: rows are claimed with
 * SKIP LOCKED, and a row is only ever filled in, never overwritten.
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
        select: { id: true, targetId: true, finishedAt: true, memoryAfter1mMb: true, memoryAfter5mMb: true, growthAfterMbPer5m: true, target: { select: { memoryLimitMb: true } } },
      });
      const finishedAt = row.finishedAt!;
      const samples = await readRawSeries({
        targetId: row.targetId,
        from: finishedAt,
        to: new Date(finishedAt.getTime() + CHECKPOINTS.after5m + SAMPLE_WINDOW_MS),
        db: tx,
      });
      await tx.remediationAction.update({ where: { id }, data: planEffect({ ...row, finishedAt }, samples, now) });
      return 1;
    }, TX_OPTIONS);
  }
  return updated;
}
