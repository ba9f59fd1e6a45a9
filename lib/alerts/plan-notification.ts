import type { PlannedIncidentEvent } from "@/lib/incidents/incident-event";
import type { ActiveSilence } from "./active-silence";
import type { Severity } from "./default-rules";
import type { TargetAlertStatus } from "./target-alert-state";

export const notificationKinds = ["firing", "severity_change", "no_data", "resolved"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export type PlannedNotification = {
  kind: NotificationKind;
  severity: Severity | null;
  previousSeverity: Severity | null;
  noData: boolean;
};

export type PlanNotificationOptions = {
  now: number;
  severity: Severity | null;
  noData: boolean;
  previous: TargetAlertStatus;
  silence: ActiveSilence | null;
  hasWebhook: boolean;
  /** The effective alert changed in this evaluation (so a suppression is worth a timeline line). */
  changedNow: boolean;
};

export type NotificationPlan = {
  notification: PlannedNotification | null;
  event: PlannedIncidentEvent | null;
  notifiedSeverity: Severity | null;
  notifiedNoData: boolean;
};

/**
 * Notifies the difference between what the webhook last heard and the effective alert now:
 * firing (nothing → SEV), severity change, no data (held firing), resolved. A silence
 * suppresses sending but not the state, so when it ends the receiver hears what it missed,
 * as Alertmanager does; a change that came and went inside the silence is never sent.
 */
export function planNotification(options: PlanNotificationOptions): NotificationPlan {
  const { now, severity, noData, previous, silence } = options;
  const kept = { notifiedSeverity: previous.notifiedSeverity, notifiedNoData: previous.notifiedNoData };
  const kind = kindOf({ severity, noData, previous });
  if (kind === null) {
    // Data came back: forget the no-data notice, so a second outage is announced again.
    return { notification: null, event: null, ...kept, notifiedNoData: kept.notifiedNoData && noData };
  }
  const notification: PlannedNotification = { kind, severity, previousSeverity: previous.notifiedSeverity, noData };
  const what = describeKind(notification);
  if (silence) {
    const event: PlannedIncidentEvent | null = options.changedNow
      ? {
          at: now,
          kind: "notification",
          summary: `Notification suppressed (${what}): silenced until ${new Date(silence.endsAt).toISOString().slice(0, 16).replace("T", " ")} UTC by ${silence.createdByEmail}`,
          data: { suppressed: true, silenceId: silence.id, kind },
        }
      : null;
    return { notification: null, event, ...kept };
  }
  const sent = { notifiedSeverity: severity, notifiedNoData: noData };
  if (!options.hasWebhook) {
    const event: PlannedIncidentEvent = {
      at: now,
      kind: "notification",
      summary: `Not notified (${what}): this target has no webhook`,
      data: { noWebhook: true, kind },
    };
    return { notification: null, event, ...sent };
  }
  return { notification, event: null, ...sent };
}

function kindOf(options: { severity: Severity | null; noData: boolean; previous: TargetAlertStatus }): NotificationKind | null {
  const { severity, noData, previous } = options;
  if (severity !== previous.notifiedSeverity) {
    if (severity === null) return "resolved";
    return previous.notifiedSeverity === null ? "firing" : "severity_change";
  }
  if (severity !== null && noData && !previous.notifiedNoData) return "no_data";
  return null;
}

export function describeKind(notification: Pick<PlannedNotification, "kind" | "severity" | "previousSeverity">): string {
  switch (notification.kind) {
    case "firing":
      return `${notification.severity} firing`;
    case "severity_change":
      return `${notification.previousSeverity} → ${notification.severity}`;
    case "no_data":
      return `${notification.severity} no data`;
    case "resolved":
      return `${notification.previousSeverity} resolved`;
  }
}
