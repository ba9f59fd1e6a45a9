import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { formatTime } from "@/lib/format";
import { eventActorOf } from "./incident-event";
import { isActive } from "./incident-state";
import { lockIncident } from "./lock-incident";
import { notifyOnCallEvent } from "@/lib/notifications/notify-on-call-event";

export type IncidentActor = { id: number; email: string; role: string };

/**
 * Someone has it: the incident is acknowledged by `actor` now. Acknowledging stops the
 * re-notification of an unacknowledged incident and tells the channels who took it. The change,
 * its timeline event, the notifications and the audit row commit together.
 */
export async function acknowledgeIncident(options: {
  incidentId: number;
  actor: IncidentActor;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<{ acknowledgedAt: Date }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    if (!isActive(incident.state)) throw new AppError("CONFLICT", `Incident #${incident.id} is already ${incident.state}.`);
    if (incident.acknowledgedAt) {
      throw new AppError("CONFLICT", `Incident #${incident.id} was already acknowledged by ${incident.acknowledgedByLabel} at ${formatTime(incident.acknowledgedAt.toISOString(), true, "UTC")} UTC.`);
    }
    await tx.incident.update({
      where: { id: incident.id },
      data: { acknowledgedAt: now, acknowledgedById: options.actor.id, acknowledgedByLabel: options.actor.email },
    });
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        at: now,
        kind: "acknowledgement",
        summary: `Acknowledged by ${options.actor.email}`,
        data: { by: eventActorOf(options.actor), secondsToAcknowledge: Math.round((now.getTime() - incident.openedAt.getTime()) / 1000) },
      },
    });
    await notifyOnCallEvent({ tx, targetId: incident.target.id, incidentId: incident.id, event: { kind: "acknowledged", by: options.actor.email }, now });
    await appendAuditEvent(
      tx,
      { type: "incident.acknowledged", outcome: "ok", actor: auditActorOf(options.actor), target: incident.target, incidentId: incident.id },
      { meta: options.meta, now },
    );
    return { acknowledgedAt: now };
  }, AUDIT_TX_OPTIONS);
}
