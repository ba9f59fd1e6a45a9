import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { ActionView } from "@/lib/remediation/action-view";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";

/** How long after an action memory must stay below its level before it for the action to count as having held. */
export const STAYED_DOWN_MS = 30 * 60_000;

export type ReviewTimelineEvent = { id: string; at: string; kind: string; summary: string; data: unknown };

export type ReviewIncident = {
  openedAt: string;
  resolvedAt: string | null;
  acknowledged: { at: string; by: string } | null;
  mitigatedAt: string | null;
  events: ReviewTimelineEvent[];
};

export type Milestone = { at: string | null; by: string | null; afterOpenMs: number | null };

export type ReviewMilestones = {
  opened: Milestone;
  acknowledged: Milestone;
  firstAction: Milestone;
  mitigated: Milestone;
  resolved: Milestone;
};

/** Whether memory stayed below its level before the action for 30 min after it finished. */
export type StayedDown =
  | { state: "yes" }
  | { state: "no"; backAt: string; valueMb: number }
  | { state: "unknown"; reason: string };

export type MitigationRow = {
  id: number;
  label: string;
  state: string;
  requestedBy: string;
  approvedBy: string | null;
  /** What it called: the action and its parameters. */
  call: string;
  /** The target's answer, or the error it gave. */
  answer: string | null;
  effect: string | null;
  confounded: boolean;
  stayedDown: StayedDown;
};

export type ReviewPlan = { milestones: ReviewMilestones; mitigations: MitigationRow[] };

export type PlanReviewOptions = {
  incident: ReviewIncident;
  actions: ActionView[];
  /** Samples from each action's finish to 30 min after, by action id (oldest first). */
  samplesAfter: ReadonlyMap<number, MemoryPoint[]>;
  now: number;
};

const byOf = (data: unknown): string | null => {
  const by = (data as { by?: { label?: unknown } } | null)?.by;
  return typeof by?.label === "string" ? by.label : null;
};

/**
 * A review's facts from what was recorded: the milestones come from the timeline (the first
 * acknowledgement and the first mitigation, even when it was lost again later, because that is
 * when people first got it under control), the mitigations from the actions linked to the incident.
 */
export function planReview(options: PlanReviewOptions): ReviewPlan {
  const { incident } = options;
  const opened = Date.parse(incident.openedAt);
  const milestone = (at: string | null, by: string | null = null): Milestone => ({ at, by, afterOpenMs: at === null ? null : Date.parse(at) - opened });
  const ack = incident.events.find((e) => e.kind === "acknowledgement");
  const mitigation = incident.events.find((e) => e.kind === "mitigation" && (e.data as { mitigation?: unknown } | null)?.mitigation === "mitigated");
  const ran = options.actions.filter((a) => a.startedAt !== null).sort((a, b) => Date.parse(a.startedAt!) - Date.parse(b.startedAt!));
  const first = ran[0] ?? null;
  return {
    milestones: {
      opened: milestone(incident.openedAt),
      acknowledged: ack ? milestone(ack.at, byOf(ack.data)) : milestone(incident.acknowledged?.at ?? null, incident.acknowledged?.by ?? null),
      firstAction: first ? milestone(first.startedAt, first.requestedBy.label) : milestone(null),
      mitigated: milestone(mitigation?.at ?? incident.mitigatedAt),
      resolved: milestone(incident.resolvedAt),
    },
    mitigations: [...options.actions]
      .sort((a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt))
      .map((action) => mitigationRow(action, options.samplesAfter.get(action.id) ?? [], options.now)),
  };
}

function mitigationRow(action: ActionView, samples: MemoryPoint[], now: number): MitigationRow {
  const params = Object.entries(action.params).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return {
    id: action.id,
    label: action.label,
    state: action.state,
    requestedBy: `${action.requestedBy.label} (${action.requestedBy.role})`,
    approvedBy: action.decidedBy && action.state !== "rejected" ? action.decidedBy : null,
    call: params.length ? `${action.actionId}(${params.join(", ")})` : action.actionId,
    answer: action.error ?? action.summary,
    effect: describeEffect(action.effect),
    confounded: action.effect.attribution?.confounded ?? false,
    stayedDown: stayedDownOf(action, samples, now),
  };
}

/** Memory "stayed down" when no sample in the 30 min after the action reached its level just before it. */
export function stayedDownOf(action: Pick<ActionView, "finishedAt" | "state" | "effect">, samples: MemoryPoint[], now: number): StayedDown {
  if (action.finishedAt === null || action.state !== "succeeded") return { state: "unknown", reason: "it did not complete" };
  const before = action.effect.beforeMb;
  if (before === null) return { state: "unknown", reason: "no sample just before it" };
  const finished = Date.parse(action.finishedAt);
  const window = samples.filter((s) => s.t > finished && s.t <= finished + STAYED_DOWN_MS);
  const back = window.find((s) => s.valueMb >= before);
  if (back) return { state: "no", backAt: new Date(back.t).toISOString(), valueMb: back.valueMb };
  if (now < finished + STAYED_DOWN_MS) return { state: "unknown", reason: "30 minutes have not passed yet" };
  if (window.length === 0) return { state: "unknown", reason: "no samples were collected after it" };
  return { state: "yes" };
}
