import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS, type AuditTx } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import type { IncidentActor } from "@/lib/incidents/acknowledge-incident";
import { lockIncident, type LockedIncident } from "@/lib/incidents/lock-incident";
import type { ReviewContent } from "./review-content";

/** The review row written in `tx`, after the incident is locked; refused once it is published. */
export async function writeReviewDraft(tx: AuditTx, incident: LockedIncident, content: ReviewContent, actor: IncidentActor, now: Date): Promise<{ id: number }> {
  const existing = await tx.incidentReview.findUnique({ where: { incidentId: incident.id }, select: { id: true, status: true } });
  if (existing?.status === "published") throw new AppError("CONFLICT", `The review of incident #${incident.id} is published: add an amendment instead.`);
  const data = { rootCause: content.rootCause, summary: content.summary, followUps: content.followUps, draftedByLabel: actor.email, updatedAt: now };
  return existing
    ? tx.incidentReview.update({ where: { id: existing.id }, data, select: { id: true } })
    : tx.incidentReview.create({ data: { incidentId: incident.id, ...data }, select: { id: true } });
}

/** What every change of a review takes: the incident, who, from where, when; and what changes (`T`). */
export type ReviewWrite<T> = { incidentId: number; actor: IncidentActor; meta?: RequestMeta | null; now?: Date } & T;

/** A responder saves the review's draft (anyone who can respond may; a lead publishes it). */
export async function saveReviewDraft(options: ReviewWrite<{ content: ReviewContent }>): Promise<{ reviewId: number }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    const review = await writeReviewDraft(tx, incident, options.content, options.actor, now);
    await appendAuditEvent(
      tx,
      {
        type: "review.drafted",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: incident.target,
        incidentId: incident.id,
        data: { reviewId: review.id, rootCause: options.content.rootCause, followUps: options.content.followUps.length },
      },
      { meta: options.meta, now },
    );
    return { reviewId: review.id };
  }, AUDIT_TX_OPTIONS);
}
