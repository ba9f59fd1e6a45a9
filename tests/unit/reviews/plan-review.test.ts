import { describe, expect, it } from "vitest";
import type { ActionView } from "@/lib/remediation/action-view";
import { planReview, stayedDownOf, type ReviewIncident } from "@/lib/reviews/plan-review";

const T0 = Date.UTC(2026, 11, 1, 10);
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const by = (label: string) => ({ by: { id: 1, label, role: "responder" } });

function action(overrides: Partial<ActionView> & { id: number; startedMin: number | null }): ActionView {
  const { startedMin, ...rest } = overrides;
  return {
    actionId: "cache-cleanup",
    label: "Cache cleanup",
    risk: "safe",
    state: "succeeded",
    target: { slug: "agents", name: "Agents" },
    params: {},
    requestedBy: { label: "rita@example.com", role: "responder", id: 2 },
    requestedAt: at(startedMin ?? 0),
    reason: null,
    breakGlass: false,
    approvalExpiresAt: null,
    decidedAt: null,
    decidedBy: null,
    decisionComment: null,
    startedAt: startedMin === null ? null : at(startedMin),
    finishedAt: startedMin === null ? null : at(startedMin + 1),
    transitions: [],
    steps: [],
    summary: "freed 255 MB",
    reportedFreedMb: 255,
    error: null,
    errorKind: null,
    incidentId: 1,
    effect: { status: "complete", beforeMb: 3500, beforeAt: at(startedMin ?? 0), after1mMb: 3200, after5mMb: 3250, growthBeforeMbPer5m: 40, growthAfterMbPer5m: 3, attribution: null },
    artifact: null,
    ...rest,
  };
}

const incident: ReviewIncident = {
  openedAt: at(0),
  resolvedAt: at(50),
  acknowledged: { at: at(4), by: "rita@example.com" },
  mitigatedAt: at(30),
  events: [
    { id: "1", at: at(0), kind: "alert_transition", summary: "Incident opened: SEV-2", data: { incident: "opened" } },
    { id: "2", at: at(4), kind: "acknowledgement", summary: "Acknowledged", data: { ...by("rita@example.com"), secondsToAcknowledge: 240 } },
    { id: "3", at: at(12), kind: "mitigation", summary: "Mitigated", data: { mitigation: "mitigated", by: null } },
    { id: "4", at: at(20), kind: "mitigation", summary: "firing again", data: { mitigation: "lost", by: null } },
    { id: "5", at: at(30), kind: "mitigation", summary: "Mitigated", data: { mitigation: "mitigated", by: null } },
  ],
};

describe("planReview milestones", () => {
  it("measures acknowledge, first action, mitigate and resolve from when the incident opened", () => {
    const plan = planReview({ incident, actions: [action({ id: 7, startedMin: 25 }), action({ id: 6, startedMin: 9 })], samplesAfter: new Map(), now: T0 + 120 * MIN });
    expect(plan.milestones.opened.afterOpenMs).toBe(0);
    expect(plan.milestones.acknowledged).toEqual({ at: at(4), by: "rita@example.com", afterOpenMs: 4 * MIN });
    expect(plan.milestones.firstAction).toEqual({ at: at(9), by: "rita@example.com", afterOpenMs: 9 * MIN });
    // The first time it was under control counts, even though it fired again at 20 min.
    expect(plan.milestones.mitigated.afterOpenMs).toBe(12 * MIN);
    expect(plan.milestones.resolved.afterOpenMs).toBe(50 * MIN);
    expect(plan.mitigations.map((m) => m.id)).toEqual([6, 7]);
  });

  it("leaves what did not happen empty, and ignores requests that never ran for the first action", () => {
    const open: ReviewIncident = { openedAt: at(0), resolvedAt: null, acknowledged: null, mitigatedAt: null, events: [] };
    const plan = planReview({ incident: open, actions: [action({ id: 3, startedMin: null, state: "awaiting_approval" })], samplesAfter: new Map(), now: T0 });
    expect(plan.milestones.acknowledged).toEqual({ at: null, by: null, afterOpenMs: null });
    expect(plan.milestones.firstAction.afterOpenMs).toBeNull();
    expect(plan.milestones.mitigated.afterOpenMs).toBeNull();
    expect(plan.milestones.resolved.afterOpenMs).toBeNull();
    expect(plan.mitigations[0].stayedDown).toEqual({ state: "unknown", reason: "it did not complete" });
  });
});

describe("planReview mitigations", () => {
  it("names who requested and approved it, what it called and the target's answer", () => {
    const restart = action({ id: 9, startedMin: 30, actionId: "rolling-restart", label: "Restart", params: { service: "agents" }, decidedBy: "lee@example.com", summary: null, error: "HTTP 503" });
    const [row] = planReview({ incident, actions: [restart], samplesAfter: new Map(), now: T0 }).mitigations;
    expect(row.requestedBy).toBe("rita@example.com (responder)");
    expect(row.approvedBy).toBe("lee@example.com");
    expect(row.call).toBe('rolling-restart(service="agents")');
    expect(row.answer).toBe("HTTP 503");
  });

  it("says when an effect was measured together with another action", () => {
    const attribution = { groupId: 4, measuredWith: [4, 5], confounded: true, cutById: null, reportedFreedMb: 255, changeMb: null, changeUntil: null, nextId: null };
    const a = action({ id: 5, startedMin: 10 });
    const [row] = planReview({ incident, actions: [{ ...a, effect: { ...a.effect, attribution } }], samplesAfter: new Map(), now: T0 }).mitigations;
    expect(row.confounded).toBe(true);
    expect(row.effect).toMatch(/measured together with #4 and #5/);
  });
});

describe("stayedDownOf", () => {
  const a = action({ id: 1, startedMin: 0 });
  const finished = T0 + MIN;
  it("holds when 30 min of samples stay under the level before the action", () => {
    const samples = [5, 15, 31].map((m) => ({ t: finished + m * MIN, valueMb: 3300 }));
    expect(stayedDownOf(a, samples, finished + 40 * MIN)).toEqual({ state: "yes" });
  });
  it("does not hold when memory is back at its level within 30 min", () => {
    const samples = [{ t: finished + 5 * MIN, valueMb: 3300 }, { t: finished + 22 * MIN, valueMb: 3510 }];
    expect(stayedDownOf(a, samples, finished + 40 * MIN)).toEqual({ state: "no", backAt: new Date(finished + 22 * MIN).toISOString(), valueMb: 3510 });
  });
  it("cannot tell before 30 min have passed or without samples", () => {
    expect(stayedDownOf(a, [{ t: finished + 5 * MIN, valueMb: 3300 }], finished + 10 * MIN).state).toBe("unknown");
    expect(stayedDownOf(a, [], finished + 40 * MIN)).toEqual({ state: "unknown", reason: "no samples were collected after it" });
  });
});
