import type { MemoryPoint } from "@/lib/metrics/memory-point";

const MINUTE = 60_000;

export type EffectActionInput = {
  id: number;
  restart: boolean;
  startedAt: number;
  /** Null while it still runs: its window is open. */
  finishedAt: number | null;
  reportedFreedMb: number | null;
};

export type ActionAttribution = {
  id: number;
  /** The first action of its measurement group (its own id when measured alone). */
  groupId: number;
  /** The other actions whose measurement windows overlap this one's, directly or through others. */
  measuredWith: number[];
  confounded: boolean;
  /** Its window: from its start to 5 minutes after it finished, or to the start of a later restart. */
  windowEnd: number | null;
  cutById: number | null;
  /** The target's own before/after for this call. */
  reportedFreedMb: number | null;
  /**
   * The change between the last sample before it started (none from before the previous action
   * finished) and the last sample strictly between its end and the next action's start (or
   * its window's end): all the samples say about this action alone. Null without such samples.
   */
  changeMb: number | null;
  changeUntil: number | null;
  /** The action whose start bounded that change, if one did. */
  nextId: number | null;
};

export type EffectGroup = {
  id: number;
  memberIds: number[];
  /** When its last member finished: the group's checkpoints are counted from here. */
  lastFinishedAt: number | null;
  /** Set when a restart ended the group's window before its 5 minutes were up. */
  cutAt: number | null;
  cutById: number | null;
};

export type AttributeEffectsOptions = {
  /** The target's actions that started, in any order. */
  actions: readonly EffectActionInput[];
  samples: readonly MemoryPoint[];
  windowMs?: number;
  /** A "before" sample older than this is not just before. */
  beforeMaxAgeMs?: number;
};

/**
 * Which actions' effects can be told apart, and what can be said about each alone. Windows that
 * overlap form a group measured once, together (docs/decisions/0014-effect-attribution.md).
 */
export function attributeEffects({ actions, samples, windowMs = 5 * MINUTE, beforeMaxAgeMs = 5 * MINUTE }: AttributeEffectsOptions): { actions: ActionAttribution[]; groups: EffectGroup[] } {
  const sorted = [...actions].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  const points = [...samples].sort((a, b) => a.t - b.t);
  const windows = sorted.map((action) => measureWindow(action, sorted, windowMs));
  const groups: EffectGroup[] = [];
  const groupOf = new Map<number, EffectGroup>();
  let openEnd = -Infinity;
  for (let i = 0; i < sorted.length; i += 1) {
    const action = sorted[i];
    // Started inside the open group's windows: measured together with it.
    if (groups.length > 0 && action.startedAt < openEnd) {
      groups[groups.length - 1].memberIds.push(action.id);
      openEnd = Math.max(openEnd, windows[i].end);
    } else {
      groups.push({ id: action.id, memberIds: [action.id], lastFinishedAt: null, cutAt: null, cutById: null });
      openEnd = windows[i].end;
    }
    groupOf.set(action.id, groups[groups.length - 1]);
  }
  for (const group of groups) {
    const members = sorted.filter((a) => group.memberIds.includes(a.id));
    const finishes = members.map((a) => a.finishedAt);
    group.lastFinishedAt = finishes.some((f) => f === null) ? null : Math.max(...(finishes as number[]));
    // The window that ends last decides whether the group's 5 minutes were cut short.
    const last = members.map((a) => windows[sorted.indexOf(a)]).reduce((best, w) => (w.end > best.end ? w : best));
    if (last.cutBy !== null) {
      group.cutAt = last.end;
      group.cutById = last.cutBy;
    }
  }
  const attributions = sorted.map((action, i): ActionAttribution => {
    const group = groupOf.get(action.id)!;
    const between = measureBetween({ action, index: i, sorted, points, windowEnd: windows[i].end, beforeMaxAgeMs });
    return {
      id: action.id,
      groupId: group.id,
      measuredWith: group.memberIds.filter((id) => id !== action.id),
      confounded: group.memberIds.length > 1,
      windowEnd: Number.isFinite(windows[i].end) ? windows[i].end : null,
      cutById: windows[i].cutBy,
      reportedFreedMb: action.reportedFreedMb,
      ...between,
    };
  });
  return { actions: attributions, groups };
}

/** A still-running action's window has no end yet (Infinity); a later restart's start ends it. */
function measureWindow(action: EffectActionInput, sorted: readonly EffectActionInput[], windowMs: number): { end: number; cutBy: number | null } {
  const natural = action.finishedAt === null ? Infinity : action.finishedAt + windowMs;
  const restart = sorted.find((other) => other.restart && other.id !== action.id && other.startedAt > action.startedAt && other.startedAt < natural);
  return restart ? { end: restart.startedAt, cutBy: restart.id } : { end: natural, cutBy: null };
}

function measureBetween(options: {
  action: EffectActionInput;
  index: number;
  sorted: readonly EffectActionInput[];
  points: readonly MemoryPoint[];
  windowEnd: number;
  beforeMaxAgeMs: number;
}): Pick<ActionAttribution, "changeMb" | "changeUntil" | "nextId"> {
  const { action, index, sorted, points, windowEnd, beforeMaxAgeMs } = options;
  const none = { changeMb: null, changeUntil: null, nextId: null };
  if (action.finishedAt === null) return none;
  const earlier = sorted.slice(0, index);
  // Until every earlier action has finished, a sample shows their effects too.
  const earlierDone = earlier.length === 0 ? -Infinity : Math.max(...earlier.map((a) => a.finishedAt ?? Infinity));
  const next = sorted.slice(index + 1).find((a) => a.startedAt >= action.startedAt) ?? null;
  const until = Math.min(windowEnd, next?.startedAt ?? Infinity);
  const before = lastWhere(points, (p) => p.t <= action.startedAt && p.t > earlierDone && action.startedAt - p.t <= beforeMaxAgeMs);
  const after = lastWhere(points, (p) => p.t > action.finishedAt! && p.t < until);
  if (!before || !after) return { ...none, nextId: next && next.startedAt < windowEnd ? next.id : null };
  return { changeMb: after.valueMb - before.valueMb, changeUntil: after.t, nextId: next && next.startedAt < windowEnd ? next.id : null };
}

function lastWhere(points: readonly MemoryPoint[], predicate: (p: MemoryPoint) => boolean): MemoryPoint | null {
  for (let i = points.length - 1; i >= 0; i -= 1) if (predicate(points[i])) return points[i];
  return null;
}
