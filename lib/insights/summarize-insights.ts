import type { MemoryPattern } from "@/lib/diagnosis/classify-pattern";
import type { ComponentKey } from "@/lib/diagnosis/pick-growing-component";
import { medianOf } from "@/lib/diagnosis/series-stats";
import type { ActionState } from "@/lib/remediation/action-view";

/** How long after an action finished memory and restarts are watched (docs/decisions/0023). */
export const FOLLOW_UP_MS = 30 * 60_000;

/** One recorded action, as the query layer reads it. Times are epoch ms. */
export type HistoryAction = {
  id: number;
  targetId: number;
  actionId: string;
  label: string;
  /** The diagnosis recorded when it was requested; null for actions from before it was recorded. */
  pattern: MemoryPattern | null;
  component: ComponentKey | null;
  state: ActionState;
  restart: boolean;
  startedAt: number | null;
  finishedAt: number | null;
  incidentId: number | null;
  /** Memory just before it (its group's first action when measured together) and 1 min after. */
  beforeMb: number | null;
  after1mMb: number | null;
  confounded: boolean;
  groupId: number | null;
  /** Highest raw sample in the FOLLOW_UP_MS after it finished; null without samples. */
  peakAfterMb: number | null;
  /** The target's SEV-2 line in MB (the firing threshold). */
  thresholdMb: number;
};

export type FreedFigures = { count: number; medianMb: number; minMb: number; maxMb: number };
/** `yes` of `known` uses; the rest are too recent to tell (or have no samples). */
export type Share = { yes: number; known: number };

export type MitigationInsight = {
  actionId: string;
  label: string;
  /** Runs that succeeded. */
  uses: number;
  /** Runs that failed or timed out: not uses, said apart. */
  failed: number;
  /** Distinct incidents the uses were part of. */
  incidents: number;
  /** Freed (before − 1 min after) by uses measured alone. */
  alone: FreedFigures | null;
  /** Uses measured together with other actions, and the groups' combined figures (once per group). */
  together: { uses: number; groups: FreedFigures | null };
  /** Uses with no figure (no sample before or after, a restart cut the window, still measuring). */
  unmeasured: number;
  backAboveThreshold: Share;
  restartFollowed: Share;
};

export type DiagnosisInsight = {
  key: string;
  pattern: MemoryPattern | null;
  component: ComponentKey | null;
  uses: number;
  mitigations: MitigationInsight[];
};

const FAILED: ReadonlySet<ActionState> = new Set(["failed", "timed_out"]);

export const diagnosisKey = (pattern: MemoryPattern | null, component: ComponentKey | null) => `${pattern ?? "unrecorded"}:${component ?? "none"}`;

/**
 * What worked, per recorded diagnosis and runbook mitigation. Figures measured together with other
 * actions are never mixed into the median of those measured alone (docs/decisions/0014), and a
 * share counts only the uses whose 30 minutes have passed. Most used first.
 */
export function summarizeInsights({ actions, now }: { actions: readonly HistoryAction[]; now: number }): DiagnosisInsight[] {
  const restartsByTarget = new Map<number, Restart[]>();
  for (const a of actions) {
    if (a.restart && a.startedAt !== null) restartsByTarget.set(a.targetId, [...(restartsByTarget.get(a.targetId) ?? []), { id: a.id, at: a.startedAt }]);
  }
  const byId = new Map(actions.map((a) => [a.id, a]));
  const byDiagnosis = new Map<string, HistoryAction[]>();
  for (const a of actions) {
    if (a.state !== "succeeded" && !FAILED.has(a.state)) continue;
    const key = diagnosisKey(a.pattern, a.component);
    byDiagnosis.set(key, [...(byDiagnosis.get(key) ?? []), a]);
  }
  const insights: DiagnosisInsight[] = [];
  for (const [key, list] of byDiagnosis) {
    const byAction = new Map<string, HistoryAction[]>();
    for (const a of list) byAction.set(a.actionId, [...(byAction.get(a.actionId) ?? []), a]);
    const mitigations = [...byAction.values()]
      .map((runs) => summarizeMitigation({ runs, byId, restartsByTarget, now }))
      .filter((m) => m.uses + m.failed > 0)
      .sort((a, b) => b.uses - a.uses || b.failed - a.failed || a.label.localeCompare(b.label));
    insights.push({ key, pattern: list[0].pattern, component: list[0].component, uses: mitigations.reduce((n, m) => n + m.uses, 0), mitigations });
  }
  return insights.sort((a, b) => (a.pattern === null ? 1 : 0) - (b.pattern === null ? 1 : 0) || b.uses - a.uses || a.key.localeCompare(b.key));
}

type Restart = { id: number; at: number };

function summarizeMitigation(options: { runs: HistoryAction[]; byId: Map<number, HistoryAction>; restartsByTarget: Map<number, Restart[]>; now: number }): MitigationInsight {
  const { runs, byId, restartsByTarget, now } = options;
  const uses = runs.filter((a) => a.state === "succeeded");
  const freed = (a: HistoryAction) => (a.beforeMb !== null && a.after1mMb !== null ? a.beforeMb - a.after1mMb : null);
  const aloneFigures = uses.filter((a) => !a.confounded).map(freed).filter((v): v is number => v !== null);
  const together = uses.filter((a) => a.confounded);
  // A group is measured from its first action's "before" to 1 min after its last finish: the
  // after-figure is on every member, the before only on the first (each member keeps its own).
  // Counted once per group; unknown when the first is not among the actions read.
  const groupFigures = new Map<number, number>();
  const groupFreed = (a: HistoryAction) => {
    const first = byId.get(a.groupId ?? a.id);
    return first ? freed(first) : null;
  };
  for (const a of together) {
    const value = groupFreed(a);
    if (value !== null) groupFigures.set(a.groupId ?? a.id, value);
  }
  const backAbove = { yes: 0, known: 0 };
  const restart = { yes: 0, known: 0 };
  for (const a of uses) {
    if (a.finishedAt === null) continue;
    const end = a.finishedAt + FOLLOW_UP_MS;
    const over = a.peakAfterMb !== null && a.peakAfterMb > a.thresholdMb;
    if (over || (now >= end && a.peakAfterMb !== null)) {
      backAbove.known += 1;
      if (over) backAbove.yes += 1;
    }
    const followed = (restartsByTarget.get(a.targetId) ?? []).some((r) => r.id !== a.id && r.at > a.finishedAt! && r.at <= end);
    if (followed || now >= end) {
      restart.known += 1;
      if (followed) restart.yes += 1;
    }
  }
  return {
    actionId: runs[0].actionId,
    label: runs[0].label,
    uses: uses.length,
    failed: runs.length - uses.length,
    incidents: new Set(uses.flatMap((a) => (a.incidentId === null ? [] : [a.incidentId]))).size,
    alone: figuresOf(aloneFigures),
    together: { uses: together.length, groups: figuresOf([...groupFigures.values()]) },
    unmeasured: uses.length - aloneFigures.length - together.filter((a) => groupFreed(a) !== null).length,
    backAboveThreshold: backAbove,
    restartFollowed: restart,
  };
}

function figuresOf(values: number[]): FreedFigures | null {
  if (values.length === 0) return null;
  return { count: values.length, medianMb: medianOf(values), minMb: Math.min(...values), maxMb: Math.max(...values) };
}
