import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import type { Risk } from "@/lib/remediation/action-catalogue";

export const actionStates = ["requested", "awaiting_approval", "approved", "rejected", "expired", "running", "succeeded", "failed", "timed_out"] as const;
export type ActionState = (typeof actionStates)[number];

export type ActionStep = { name: string; status: "running" | "done" | "failed"; at: string; detail?: string };
export type ActionTransition = { state: ActionState; at: string; by?: string };

export type ActionEffect = {
  status: "pending" | "partial" | "complete" | "unavailable" | "not_applicable";
  beforeMb: number | null;
  beforeAt: string | null;
  after1mMb: number | null;
  after5mMb: number | null;
  growthBeforeMbPer5m: number | null;
  growthAfterMbPer5m: number | null;
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

/** What a call of runRemediation / approveAction / rejectAction returns; refusals are already audited. */
export type ActionOutcome =
  | { ok: true; action: ActionView; duplicate: boolean }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string>; action?: ActionView };
