import "server-only";
import { db } from "@/lib/db";
import { incidentHeadSelect } from "./incident-select";
import { incidentStateOf, type IncidentState } from "./incident-state";

export type IncidentListItem = {
  id: number;
  title: string;
  severity: string;
  status: string;
  state: IncidentState;
  acknowledgedBy: string | null;
  openedAt: string;
  resolvedAt: string | null;
  target: { slug: string; name: string };
  eventCount: number;
};

/** Incidents newest first, open ones before resolved ones; optionally of one target or status. */
export async function listIncidents(
  options: { status?: "open" | "resolved"; targetId?: number; limit?: number } = {},
): Promise<IncidentListItem[]> {
  const rows = await db.incident.findMany({
    where: { status: options.status, targetId: options.targetId },
    select: {
      ...incidentHeadSelect,
      target: { select: { slug: true, name: true } },
      _count: { select: { events: true } },
    },
    orderBy: [{ status: "asc" }, { openedAt: "desc" }],
    take: options.limit ?? 100,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    state: incidentStateOf(row),
    acknowledgedBy: row.acknowledgedByLabel,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    target: row.target,
    eventCount: row._count.events,
  }));
}
