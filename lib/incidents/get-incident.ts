import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type IncidentDetail = {
  id: number;
  title: string;
  severity: string;
  status: string;
  openedAt: string;
  resolvedAt: string | null;
  target: { id: number; slug: string; name: string };
  events: { id: string; at: string; kind: string; summary: string; data: unknown }[];
};

/** One incident with its whole timeline, oldest event first. */
export async function getIncident(options: { id: number }): Promise<IncidentDetail> {
  const incident = await db.incident.findUnique({
    where: { id: options.id },
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      openedAt: true,
      resolvedAt: true,
      target: { select: { id: true, slug: true, name: true } },
      events: { select: { id: true, at: true, kind: true, summary: true, data: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!incident) throw new AppError("NOT_FOUND", `No incident #${options.id}.`);
  return {
    ...incident,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    events: incident.events.map((e) => ({ ...e, id: e.id.toString(), at: e.at.toISOString() })),
  };
}
