import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { eventActorOf } from "./incident-event";
import type { IncidentActor } from "./acknowledge-incident";
import { lockIncident } from "./lock-incident";

export const MAX_NOTE_LENGTH = 2000;

/**
 * A note on the timeline: what someone saw or tried that the console did not record itself.
 * Notes are taken while the incident is open and after it resolved (people write things down
 * afterwards), not once it is reviewed: a published review is the record.
 */
export async function addIncidentNote(options: {
  incidentId: number;
  text: string;
  actor: IncidentActor;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<{ eventId: bigint }> {
  const text = options.text.trim();
  if (!text) throw new AppError("INVALID_INPUT", "Write the note: it is empty.", { fieldErrors: { text: "write the note" } });
  if (text.length > MAX_NOTE_LENGTH) throw new AppError("INVALID_INPUT", `A note has at most ${MAX_NOTE_LENGTH} characters.`, { fieldErrors: { text: "too long" } });
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    if (incident.state === "reviewed") throw new AppError("CONFLICT", `Incident #${incident.id} is reviewed: its review is the record now.`);
    const event = await tx.incidentEvent.create({
      data: { incidentId: incident.id, at: now, kind: "note", summary: `${options.actor.email}: ${text}`, data: { by: eventActorOf(options.actor), text } },
      select: { id: true },
    });
    await appendAuditEvent(
      tx,
      {
        type: "incident.note_added",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: incident.target,
        incidentId: incident.id,
        data: { eventId: event.id.toString(), length: text.length },
      },
      { meta: options.meta, now },
    );
    return { eventId: event.id };
  }, AUDIT_TX_OPTIONS);
}
