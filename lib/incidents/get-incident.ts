import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { incidentHeadSelect } from "./incident-select";
import { incidentStateOf, type IncidentState } from "./incident-state";

export type IncidentDetail = {
  id: number;
  title: string;
  severity: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  state: IncidentState;
  acknowledged: { at: string; by: string } | null;
  mitigatedAt: string | null;
  reviewedAt: string | null;
  lead: { id: number; label: string } | null;
  target: { id: number; slug: string; name: string };
  events: { id: string; at: string; kind: string; summary: string; data: unknown }[];
};

/** One incident with its whole timeline, oldest event first. */
export async function getIncident(options: { id: number }): Promise<IncidentDetail> {
  const incident = await db.incident.findUnique({
    where: { id: options.id },
    select: {
      ...incidentHeadSelect,
      leadId: true,
      leadLabel: true,
      target: { select: { id: true, slug: true, name: true } },
      events: { select: { id: true, at: true, kind: true, summary: true, data: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", `No incident #${options.id}.`);
  const { acknowledgedAt, acknowledgedByLabel, leadId, leadLabel, ...rest } = incident;
  return {
    ...rest,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    state: incidentStateOf(incident),
    acknowledged: acknowledgedAt && acknowledgedByLabel ? { at: acknowledgedAt.toISOString(), by: acknowledgedByLabel } : null,
    mitigatedAt: incident.mitigatedAt?.toISOString() ?? null,
    reviewedAt: incident.reviewedAt?.toISOString() ?? null,
    lead: leadId !== null && leadLabel ? { id: leadId, label: leadLabel } : null,
    events: incident.events.map((e) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() })),
  };
}
