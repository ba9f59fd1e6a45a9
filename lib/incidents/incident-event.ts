export const incidentEventKinds = ["alert_transition", "silence", "notification", "action", "note"] as const;
export type IncidentEventKind = (typeof incidentEventKinds)[number];

/** One timeline entry before it is stored: `at` is when it happened (epoch ms), not when it was written. */
export type PlannedIncidentEvent = {
  at: number;
  kind: IncidentEventKind;
  summary: string;
  data: Record<string, unknown>;
};
