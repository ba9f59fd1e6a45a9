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

export type PlanIncidentOptions = {
  now: number;
  rules: readonly AlertRule[];
  states: Record<string, AlertState>;
  severity: Severity | null;
  previous: TargetAlertStatus;
  openIncident: { id: number; severity: Severity } | null;
  graceMs: number;
  /** This evaluation's transitions, already described. */
  transitionEvents: PlannedIncidentEvent[];
};

export type IncidentPlan = {
  change: IncidentChange | null;
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
    const escalates = severityRank(severity) > severityRank(openIncident.severity);
    if (escalates) events.push(event(`Escalated to ${severity}`, { incident: "escalated", from: openIncident.severity, to: severity }));
    return { change: escalates ? { action: "escalate", severity } : null, hasIncident: true, resolvedSince: null, events, closingEvent: null };
  }

  if (!openIncident) return { change: null, hasIncident: false, resolvedSince: null, events: [], closingEvent: null };
  const events = [...transitionEvents];
  const resolvedSince = previous.resolvedSince ?? now;
  if (previous.resolvedSince === null) {
    events.push(event(`Alert resolved; the incident resolves after ${formatSeconds(graceMs / 1000)} unless it fires again`, { incident: "grace" }));
  }
  if (now - resolvedSince < graceMs) return { change: null, hasIncident: true, resolvedSince, events, closingEvent: null };
  return {
    change: { action: "resolve" },
    hasIncident: true,
    resolvedSince: null,
    events,
    closingEvent: event(`Incident resolved: no alert firing for ${formatSeconds((now - resolvedSince) / 1000)}`, { incident: "resolved" }),
  };
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
