import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlannedIncidentEvent } from "./incident-event";

/**
 * Adds an entry to the timeline of the target's open incident, if it has one (alerting,
 * silences, remediation actions). Pass the transaction that makes the change it records.
 * Returns the incident's id, or null when nothing is open.
 */
export async function appendToOpenIncident(options: { targetId: number; event: PlannedIncidentEvent; db?: Db }): Promise<number | null> {
  const db = options.db ?? defaultDb;
  const incident = await db.incident.findFirst({ where: { targetId: options.targetId, status: "open" }, select: { id: true } });
  if (!incident) return null;
  const { at, kind, summary, data } = options.event;
  await db.incidentEvent.create({
    data: { incidentId: incident.id, at: new Date(at), kind, summary, data: data as Prisma.InputJsonValue },
  });
  return incident.id;
}
