import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { hasPermission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { eventActorOf } from "./incident-event";
import type { IncidentActor } from "./acknowledge-incident";
import { isActive } from "./incident-state";
import { lockIncident } from "./lock-incident";

/**
 * Names the incident's lead: the one person who coordinates it. The lead must be able to respond
 * (a viewer cannot act on it), and can be changed while the incident is being worked on.
 */
export async function assignIncidentLead(options: {
  incidentId: number;
  leadUserId: number;
  actor: IncidentActor;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<{ leadLabel: string }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    if (!isActive(incident.state)) throw new AppError("CONFLICT", `Incident #${incident.id} is ${incident.state}: its lead can no longer change.`);
    const lead = await tx.user.findUnique({ where: { id: options.leadUserId }, select: { id: true, email: true, role: true, disabled: true } });
    if (!lead || lead.disabled) throw new AppError("INVALID_INPUT", "Choose an active user as the lead.", { fieldErrors: { leadUserId: "no such active user" } });
    if (!hasPermission(lead.role, "respond:incident")) {
      throw new AppError("INVALID_INPUT", `${lead.email} is a ${lead.role} and cannot respond to incidents.`, { fieldErrors: { leadUserId: "cannot respond" } });
    }
    if (incident.leadId === lead.id) throw new AppError("CONFLICT", `${lead.email} already leads incident #${incident.id}.`);
    await tx.incident.update({ where: { id: incident.id }, data: { leadId: lead.id, leadLabel: lead.email } });
    const previous = incident.leadLabel ? ` (was ${incident.leadLabel})` : "";
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        at: now,
        kind: "assignment",
        summary: `${lead.email} leads the incident${previous}; named by ${options.actor.email}`,
        data: { by: eventActorOf(options.actor), lead: { id: lead.id, label: lead.email }, previous: incident.leadLabel },
      },
    });
    await appendAuditEvent(
      tx,
      {
        type: "incident.lead_assigned",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: incident.target,
        incidentId: incident.id,
        data: { leadId: lead.id, lead: lead.email, previous: incident.leadLabel },
      },
      { meta: options.meta, now },
    );
    return { leadLabel: lead.email };
  }, AUDIT_TX_OPTIONS);
}
