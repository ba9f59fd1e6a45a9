import type { PlannedIncidentEvent } from "@/lib/incidents/incident-event";
import type { AlertRule } from "./alert-rule-schema";
import type { AlertState } from "./alert-state";
import { severityRank, type Severity } from "./default-rules";
import { formatRatio, formatSeconds } from "./describe-alert";
import type { TargetAlertStatus } from "./target-alert-state";

export type IncidentChange =
  | { action: "open"; severity: Severity }
  | { action: "escalate"; severity: Severity }
  | { action: "resolve" };

/** The open incident as the evaluator sees it; the on-call fields are optional for callers that predate them. */
export type OpenIncident = {
  id: number;
  severity: Severity;
  /** Epoch ms; set while memory stays back under the threshold after an action. */
  mitigatedAt?: number | null;
  acknowledged?: boolean;
  /** The newest remediation that succeeded on the target since the incident opened. */
  lastAction?: { id: number; actionId: string; finishedAt: number } | null;
};

/** Mitigated: back under the firing threshold after an action; lost: it fires again after that. */
export type MitigationChange = { action: "mitigate"; remediationId: number } | { action: "lose" } | null;

export type PlanIncidentOptions = {
  now: number;
  rules: readonly AlertRule[];
  states: Record<string, AlertState>;
  severity: Severity | null;
  previous: TargetAlertStatus;
  openIncident: OpenIncident | null;
  graceMs: number;
  /** Memory used / limit now, null without a recent sample. */
  value?: number | null;
  /** This evaluation's transitions, already described. */
  transitionEvents: PlannedIncidentEvent[];
};

export type IncidentPlan = {
  change: IncidentChange | null;
  mitigation?: MitigationChange;
  /** An incident is open, or opens now: timeline events have somewhere to go. */
  hasIncident: boolean;
  resolvedSince: number | null;
  events: PlannedIncidentEvent[];
  /** Written last: the incident resolves after everything else this evaluation recorded. */
  closingEvent: PlannedIncidentEvent | null;
};

/**
 * An incident opens when the target's alert first fires, escalates with severity (never back
 * down: it records the worst it got), and resolves once the alert has stayed resolved for the
 * grace period; firing again within the grace period continues the same incident.
 */
export function planIncident(options: PlanIncidentOptions): IncidentPlan {
  const { now, severity, openIncident, previous, graceMs, transitionEvents } = options;
  const event = (summary: string, data: Record<string, unknown> = {}): PlannedIncidentEvent => ({ at: now, kind: "alert_transition", summary, data });

  if (severity) {
    if (!openIncident) {
      return {
        change: { action: "open", severity },
        hasIncident: true,
        resolvedSince: null,
        events: [...earlierProgress(options), ...transitionEvents, event(`Incident opened: ${severity}`, { incident: "opened", severity })],
        closingEvent: null,
      };
    }
    const events = [...transitionEvents];
    if (previous.resolvedSince !== null) {
      events.push(event(`${severity} firing again within the grace period: the incident continues`, { incident: "continued" }));
    }
    const mitigation: MitigationChange = openIncident.mitigatedAt ? { action: "lose" } : null;
    if (mitigation) {
      const back = openIncident.acknowledged ? "acknowledged" : "open";
      events.push({ at: now, kind: "mitigation", summary: `${severity} firing again after it was mitigated: the incident is ${back} again`, data: { mitigation: "lost", severity, by: null } });
    }
    const escalates = severityRank(severity) > severityRank(openIncident.severity);
    if (escalates) events.push(event(`Escalated to ${severity}`, { incident: "escalated", from: openIncident.severity, to: severity }));
    return { change: escalates ? { action: "escalate", severity } : null, mitigation, hasIncident: true, resolvedSince: null, events, closingEvent: null };
  }

  if (!openIncident) return { change: null, hasIncident: false, resolvedSince: null, events: [], closingEvent: null };
  const events = [...transitionEvents];
  const mitigation = planMitigation(options, openIncident);
  if (mitigation) {
    const action = openIncident.lastAction!;
    events.push({
      at: now,
      kind: "mitigation",
      summary: `Mitigated: memory is back under the firing threshold after ${action.actionId} (#${action.id})`,
      data: { mitigation: "mitigated", remediationId: action.id, actionId: action.actionId, value: options.value ?? null, by: null },
    });
  }
  const resolvedSince = previous.resolvedSince ?? now;
  if (previous.resolvedSince === null) {
    events.push(event(`Alert resolved; the incident resolves after ${formatSeconds(graceMs / 1000)} unless it fires again`, { incident: "grace" }));
  }
  if (now - resolvedSince < graceMs) return { change: null, mitigation, hasIncident: true, resolvedSince, events, closingEvent: null };
  return {
    change: { action: "resolve" },
    mitigation,
    hasIncident: true,
    resolvedSince: null,
    events,
    closingEvent: event(`Incident resolved: no alert firing for ${formatSeconds((now - resolvedSince) / 1000)}`, { incident: "resolved" }),
  };
}

// Nothing fires any more, memory is known (a silent target is not "back under"), and an action
// succeeded since the incident opened: the system marks it mitigated, once.
function planMitigation(options: PlanIncidentOptions, incident: OpenIncident): MitigationChange {
  if (incident.mitigatedAt || !incident.lastAction || options.value === null || options.value === undefined) return null;
  return { action: "mitigate", remediationId: incident.lastAction.id };
}

// An incident opening records how it got there: the pending (and any earlier firing) of each
// active rule, at the time it happened, unless this very evaluation produced that transition.
function earlierProgress(options: PlanIncidentOptions): PlannedIncidentEvent[] {
  const { now, rules, states } = options;
  const events: PlannedIncidentEvent[] = [];
  for (const rule of [...rules].sort((a, b) => a.threshold - b.threshold)) {
    const state = states[rule.name];
    if (state.status === "inactive" || state.activeAt === null) continue;
    if (state.activeAt < now) {
      events.push({
        at: state.activeAt,
        kind: "alert_transition",
        summary: `${rule.name} pending: memory above ${formatRatio(rule.threshold)}`,
        data: { rule: rule.name, from: "inactive", to: "pending", restored: true },
      });
    }
    if (state.status === "firing" && state.firedAt !== undefined && state.firedAt < now) {
      events.push({
        at: state.firedAt,
        kind: "alert_transition",
        summary: `${rule.name} firing: memory above ${formatRatio(rule.threshold)}`,
        data: { rule: rule.name, from: "pending", to: "firing", restored: true },
      });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}
