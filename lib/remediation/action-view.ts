import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import type { Risk } from "@/lib/remediation/action-catalogue";

export const actionStates = ["requested", "awaiting_approval", "approved", "rejected", "withdrawn", "expired", "running", "succeeded", "failed", "timed_out"] as const;
export type ActionState = (typeof actionStates)[number];

/** `expectedAt`: a time the step's detail refers to (a restart's "expected back by"), shown in the viewer's own time. */
export type ActionStep = { name: string; status: "running" | "done" | "failed"; at: string; detail?: string; expectedAt?: string };
export type ActionTransition = { state: ActionState; at: string; by?: string };

/** What can be said of one action alone when its effect was measured with others (docs/decisions/0014-effect-attribution.md). */
export type EffectAttribution = {
  /** The first action of its measurement group; its own id when it was measured alone. */
  groupId: number;
  measuredWith: number[];
  confounded: boolean;
  /** The restart that ended its measurement window early. */
  cutById: number | null;
  /** The target's own before/after for this call. */
  reportedFreedMb: number | null;
  /** From just before it to the last sample before the next action (`nextId`) or its window's end. */
  changeMb: number | null;
  changeUntil: string | null;
  nextId: number | null;
};

export type ActionEffect = {
  /** not_run: it has not run (yet): there is no effect to speak of. */
  status: "not_run" | "pending" | "partial" | "complete" | "unavailable" | "not_applicable";
  beforeMb: number | null;
  beforeAt: string | null;
  after1mMb: number | null;
  after5mMb: number | null;
  growthBeforeMbPer5m: number | null;
  growthAfterMbPer5m: number | null;
  /** Null until measured; the after figures above are the group's when `confounded`. */
  attribution?: EffectAttribution | null;
};

/** An action as pages and callers see it: plain JSON, no database types. */
export type ActionView = {
  id: number;
  actionId: RunbookActionId;
  label: string;
  risk: Risk;
  state: ActionState;
  target: { slug: string; name: string };
  params: Record<string, unknown>;
  requestedBy: { label: string; role: string; id: number | null };
  requestedAt: string;
  reason: string | null;
  breakGlass: boolean;
  approvalExpiresAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  transitions: ActionTransition[];
  steps: ActionStep[];
  /** What the target reported, in plain words ("freed 255 MB; 65,394 expired entries removed"). */
  summary: string | null;
  /** The target's own figure, when it reports one. */
  reportedFreedMb: number | null;
  error: string | null;
  errorKind: string | null;
  incidentId: number | null;
  effect: ActionEffect;
  artifact: { name: string; bytes: number; sha256: string } | null;
};

/** What a call of runRemediation / approveAction / rejectAction / withdrawAction returns; refusals are already audited. */
export type ActionOutcome =
  | { ok: true; action: ActionView; duplicate: boolean }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; action?: ActionView };
