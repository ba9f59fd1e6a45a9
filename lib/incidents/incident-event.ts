// `acknowledgement`, `assignment`, `mitigation`, `review` and `note` record the on-call loop; their
// `data.by` names the person (or null for the system), so a review can say who did what when.
export const incidentEventKinds = [
  "alert_transition",
  "silence",
  "notification",
  "action",
  "note",
  "acknowledgement",
  "assignment",
  "mitigation",
  "review",
] as const;
export type IncidentEventKind = (typeof incidentEventKinds)[number];

/** One timeline entry before it is stored: `at` is when it happened (epoch ms), not when it was written. */
export type PlannedIncidentEvent = {
  at: number;
  kind: IncidentEventKind;
  summary: string;
  data: Record<string, unknown>;
};

/** Who an on-call event names in `data.by`. */
export type IncidentEventActor = { id: number; label: string; role: string };
export const eventActorOf = (user: { id: number; email: string; role: string }): IncidentEventActor => ({ id: user.id, label: user.email, role: user.role });
