import type { PlannedIncidentEvent } from "@/lib/incidents/incident-event";
import type { ActiveSilence } from "./active-silence";
import type { AlertRule } from "./alert-rule-schema";
import { createInactiveState, type AlertState } from "./alert-state";
import { sameState } from "./alert-state-row";
import type { Severity } from "./default-rules";
import { describeTransition } from "./describe-alert";
import { evaluateRule, type AlertTransition } from "./evaluate-rule";
import { getEffectiveSeverity } from "./get-effective-severity";
import { planIncident, type IncidentChange } from "./plan-incident";
import { planNotification, type PlannedNotification } from "./plan-notification";
import type { TargetAlertState, TargetAlertStatus } from "./target-alert-state";

export type PlannedTransition = AlertTransition & { rule: string; value: number | null };

export type PlanEvaluationOptions = {
  now: number;
  rules: readonly AlertRule[];
  /** Stored state per rule name; a rule without one starts inactive. */
  states: Readonly<Record<string, AlertState | undefined>>;
  /** Newest usage ratio at or before `now` within the longest lookback; null when there is none. */
  sample: { t: number; value: number } | null;
  /** The collector recorded the last scrape as failed. */
  scrapeFailed: boolean;
  previous: TargetAlertStatus;
  silence: ActiveSilence | null;
  /** Silences that ran out on their own since the previous evaluation. */
  expiredSilences: readonly ActiveSilence[];
  openIncident: { id: number; severity: Severity } | null;
  hasWebhook: boolean;
  graceMs: number;
};

export type EvaluationPlan = {
  states: Record<string, AlertState>;
  /** Rules whose stored state must be written. */
  changedStates: string[];
  transitions: PlannedTransition[];
  status: TargetAlertStatus;
  severity: Severity | null;
  incident: IncidentChange | null;
  notification: PlannedNotification | null;
  /** Timeline entries for the open (or opening) incident, in order. */
  events: PlannedIncidentEvent[];
};

/**
 * Everything one evaluation of one target decides, without touching the database: the rule
 * states (the pure `evaluateRule`), the effective severity, the incident's open/escalate/resolve,
 * the notification and the timeline. `evaluateTargetAlerts` loads the inputs and applies this.
 */
export function planEvaluation(options: PlanEvaluationOptions): EvaluationPlan {
  const { now, rules, previous } = options;
  const states: Record<string, AlertState> = {};
  const changedStates: string[] = [];
  const transitions: PlannedTransition[] = [];
  const transitionEvents: PlannedIncidentEvent[] = [];
  for (const rule of rules) {
    const before = options.states[rule.name];
    const value = options.sample && now - options.sample.t <= rule.lookbackSeconds * 1000 ? options.sample.value : null;
    const result = evaluateRule({ rule, state: before ?? createInactiveState(), now, value, scrapeFailed: options.scrapeFailed });
    states[rule.name] = result.state;
    if (!sameState(before, result.state)) changedStates.push(rule.name);
    if (result.transition) {
      transitions.push({ ...result.transition, rule: rule.name, value });
      transitionEvents.push({
        at: now,
        kind: "alert_transition",
        summary: describeTransition({ rule, transition: result.transition, value }),
        data: { rule: rule.name, from: result.transition.from, to: result.transition.to, value },
      });
    }
  }

  const effective = getEffectiveSeverity({ rules, states });
  const severity = (effective?.rule ?? null) as Severity | null;
  const noData = effective?.state.noDataSince !== undefined && effective !== null;
  const state = displayState({ severity, states, sample: options.sample, scrapeFailed: options.scrapeFailed });

  const incident = planIncident({ ...options, states, severity, transitionEvents });
  const events = [...incident.events];
  if (incident.hasIncident) events.push(...describeNoDataChange({ now, severity, noData, wasNoData: previous.noData }));
  if (incident.hasIncident) events.push(...options.expiredSilences.map((s) => silenceExpiredEvent(s)));
  const notification = planNotification({
    now,
    severity,
    noData,
    previous,
    silence: options.silence,
    hasWebhook: options.hasWebhook,
    changedNow: severity !== severityOf(previous.state) || (noData && !previous.noData),
  });
  if (incident.hasIncident && notification.event) events.push(notification.event);

  return {
    states,
    changedStates,
    transitions,
    severity,
    incident: incident.change,
    notification: notification.notification,
    events: incident.closingEvent ? [...events, incident.closingEvent] : events,
    status: {
      state,
      stateSince: state === previous.state ? (previous.stateSince ?? now) : now,
      noData,
      value: options.sample?.value ?? null,
      resolvedSince: incident.resolvedSince,
      notifiedSeverity: notification.notifiedSeverity,
      notifiedNoData: notification.notifiedNoData,
      evaluatedAt: now,
    },
  };
}

function severityOf(state: TargetAlertState): Severity | null {
  return state === "SEV-1" || state === "SEV-2" ? state : null;
}

function displayState(options: {
  severity: Severity | null;
  states: Record<string, AlertState>;
  sample: { t: number; value: number } | null;
  scrapeFailed: boolean;
}): TargetAlertState {
  if (options.severity) return options.severity;
  if (Object.values(options.states).some((s) => s.status === "pending")) return "pending";
  return options.sample === null || options.scrapeFailed ? "no_data" : "ok";
}

function describeNoDataChange(options: { now: number; severity: Severity | null; noData: boolean; wasNoData: boolean }): PlannedIncidentEvent[] {
  const { now, severity, noData, wasNoData } = options;
  if (noData && !wasNoData) {
    return [{
      at: now,
      kind: "alert_transition",
      summary: `No data: the target stopped answering; ${severity} is held firing (a crashed service must not look resolved)`,
      data: { noData: true, severity },
    }];
  }
  if (!noData && wasNoData && severity) {
    return [{ at: now, kind: "alert_transition", summary: `Data is back; ${severity} is still firing`, data: { noData: false, severity } }];
  }
  return [];
}

function silenceExpiredEvent(silence: ActiveSilence): PlannedIncidentEvent {
  return {
    at: silence.endsAt,
    kind: "silence",
    summary: `Silence #${silence.id} expired (set by ${silence.createdByEmail}: ${silence.comment})`,
    data: { silenceId: silence.id, expired: true },
  };
}
