import { estimateGrowthMbPer5m } from "@/lib/forecast/estimate-theil-sen-slope";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { Prisma } from "@/lib/generated/prisma/client";
import { attributeEffects, type EffectActionInput } from "@/lib/remediation/effects/attribute-effects";

const MINUTE = 60_000;
/** The first sample at or after a checkpoint counts if it is at most this late. */
export const SAMPLE_WINDOW_MS = 2 * MINUTE;
/** After this long past a checkpoint without a sample, that point is given up as unavailable. */
const GIVE_UP_MS = 3 * MINUTE;
export const CHECKPOINTS = { after1m: 1 * MINUTE, after5m: 5 * MINUTE } as const;
type DueRow = {
  id: number;
  targetId: number;
  finishedAt: Date;
  memoryAfter1mMb: number | null;
  memoryAfter5mMb: number | null;
  growthAfterMbPer5m: number | null;
  target: { memoryLimitMb: number };
};

/**
 * The effect figures due at `now` for a measurement window that closed at `finishedAt`, from
 * the samples after it; a window a restart ended at `endsAt` has no checkpoint after that. Pure.
 */
export function planEffect(row: DueRow, samples: MemoryPoint[], now: Date, options: { endsAt?: number | null } = {}): Prisma.RemediationActionUpdateInput {
  const t0 = row.finishedAt.getTime();
  const endsAt = options.endsAt ?? Infinity;
  const at = (offset: number) => samples.find((s) => s.t >= t0 + offset && s.t <= t0 + offset + SAMPLE_WINDOW_MS && s.t < endsAt)?.valueMb ?? null;
  const givenUp = (offset: number) => now.getTime() >= t0 + offset + GIVE_UP_MS || t0 + offset >= endsAt;
  const after1m = row.memoryAfter1mMb ?? (now.getTime() >= t0 + CHECKPOINTS.after1m ? at(CHECKPOINTS.after1m) : null);
  const after5m = row.memoryAfter5mMb ?? (now.getTime() >= t0 + CHECKPOINTS.after5m ? at(CHECKPOINTS.after5m) : null);
  let growthAfter = row.growthAfterMbPer5m;
  const growthUntil = Math.min(t0 + CHECKPOINTS.after5m, endsAt);
  if (growthAfter === null && now.getTime() >= growthUntil) {
    const window = samples.filter((s) => s.t > t0 && s.t <= growthUntil && s.t < endsAt);
    if (window.length >= 3) growthAfter = estimateGrowthMbPer5m({ samples: window });
  }
  const done1 = after1m !== null || givenUp(CHECKPOINTS.after1m);
  const done5 = after5m !== null || givenUp(CHECKPOINTS.after5m);
  const status = done1 && done5 ? (after1m === null && after5m === null ? "unavailable" : "complete") : after1m !== null ? "partial" : "pending";
  return { memoryAfter1mMb: after1m, memoryAfter5mMb: after5m, growthAfterMbPer5m: growthAfter, effectStatus: status };
}

/**
 * The figures of one action from the target's actions around it and the samples: its group's
 * combined figures (measured once from the group's last finish) and what is its alone. Pure.
 */
export function planAttributedEffect(options: { id: number; limitMb: number; actions: EffectActionInput[]; samples: MemoryPoint[]; now: Date }): Prisma.RemediationActionUpdateInput {
  const { actions, groups } = attributeEffects({ actions: options.actions, samples: options.samples });
  const mine = actions.find((a) => a.id === options.id);
  const group = groups.find((g) => g.id === mine?.groupId);
  if (!mine || !group) throw new Error(`action #${options.id} is not among the target's actions`);
  const attributed = {
    effectGroupId: mine.groupId,
    effectConfounded: mine.confounded,
    effectMeasuredWith: mine.measuredWith,
    effectCutById: mine.cutById,
    attributedChangeMb: mine.changeMb,
    attributedUntil: mine.changeUntil === null ? null : new Date(mine.changeUntil),
    attributedNextId: mine.nextId,
  };
  // A member still running: the group's window is open and nothing is due yet.
  if (group.lastFinishedAt === null) return { ...attributed, memoryAfter1mMb: null, memoryAfter5mMb: null, growthAfterMbPer5m: null, effectStatus: "pending" };
  const row: DueRow = {
    id: options.id,
    targetId: 0,
    finishedAt: new Date(group.lastFinishedAt),
    memoryAfter1mMb: null,
    memoryAfter5mMb: null,
    growthAfterMbPer5m: null,
    target: { memoryLimitMb: options.limitMb },
  };
  return { ...attributed, ...planEffect(row, options.samples, options.now, { endsAt: group.cutAt }) };
}
