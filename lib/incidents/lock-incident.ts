import "server-only";
import type { AuditTx } from "@/lib/audit/append-audit-event";
import { AppError } from "@/lib/errors";
import { incidentStateSelect } from "./incident-select";
import { incidentStateOf, type IncidentState } from "./incident-state";

export type LockedIncident = {
  id: number;
  severity: string;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByLabel: string | null;
  leadId: number | null;
  leadLabel: string | null;
  target: { id: number; slug: string; name: string };
  state: IncidentState;
};

/**
 * The incident, locked until the caller's transaction ends: two responders acknowledging at once
 * are decided one after the other, and the evaluator resolving it waits for them (or they for it).
 */
export async function lockIncident(tx: AuditTx, incidentId: number): Promise<LockedIncident> {
  await tx.$queryRaw`SELECT id FROM incidents WHERE id = ${incidentId} FOR UPDATE`;
  const row = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      severity: true,
      openedAt: true,
      ...incidentStateSelect,
      acknowledgedByLabel: true,
      leadId: true,
      leadLabel: true,
      target: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", `No incident #${incidentId}.`);
  const { status: _status, mitigatedAt: _m, reviewedAt: _r, ...rest } = row;
  return { ...rest, state: incidentStateOf(row) };
}
