import "server-only";
import { appendAuditEvent, type AuditTx } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { eventActorOf } from "./incident-event";
import type { IncidentActor } from "./acknowledge-incident";
import { lockIncident } from "./lock-incident";

/**
 * The last state: a review of the resolved incident was published. Called by the review's
 * publishing, inside its transaction (the review and this commit together); audited here.
 */
export async function markIncidentReviewed(options: {
  tx: AuditTx;
  incidentId: number;
  actor: IncidentActor;
  reviewId?: number | string;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<void> {
  const { tx } = options;
  const now = options.now ?? new Date();
  const incident = await lockIncident(tx, options.incidentId);
  if (incident.state !== "resolved") throw new AppError("CONFLICT", `Incident #${incident.id} is ${incident.state}: only a resolved incident is reviewed.`);
  await tx.incident.update({ where: { id: incident.id }, data: { reviewedAt: now } });
  await tx.incidentEvent.create({
    data: {
      incidentId: incident.id,
      at: now,
      kind: "review",
      summary: `Review published by ${options.actor.email}`,
      data: { by: eventActorOf(options.actor), reviewId: options.reviewId ?? null },
    },
  });
  await appendAuditEvent(
    tx,
    { type: "incident.reviewed", outcome: "ok", actor: auditActorOf(options.actor), target: incident.target, incidentId: incident.id, data: { reviewId: options.reviewId ?? null } },
    { meta: options.meta, now },
  );
}
