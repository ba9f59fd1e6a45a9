// The on-call state people see. It follows from the incident's timestamps rather than living in a
// column of its own, so that the evaluator's `status` (open until resolved, one open per target)
// and this never disagree (docs/decisions/0019-incident-states.md).
export const incidentStates = ["open", "acknowledged", "mitigated", "resolved", "reviewed"] as const;
export type IncidentState = (typeof incidentStates)[number];

export type IncidentStateFields = {
  status: string;
  acknowledgedAt: Date | string | null;
  mitigatedAt: Date | string | null;
  reviewedAt: Date | string | null;
};

export function incidentStateOf(incident: IncidentStateFields): IncidentState {
  if (incident.status === "resolved") return incident.reviewedAt ? "reviewed" : "resolved";
  if (incident.mitigatedAt) return "mitigated";
  return incident.acknowledgedAt ? "acknowledged" : "open";
}

/** Still being worked on: the evaluator may escalate it, people may acknowledge it. */
export const isActive = (state: IncidentState) => state === "open" || state === "acknowledged" || state === "mitigated";
