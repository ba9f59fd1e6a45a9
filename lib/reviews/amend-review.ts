import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { AppError } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import type { ReviewWrite } from "./save-review-draft";

export const MAX_AMENDMENT_LENGTH = 4000;

/** What was learnt after publishing, appended beside the published text (which stays as it was). */
export async function amendReview(options: ReviewWrite<{ text: string }>): Promise<{ amendmentId: number }> {
  const text = options.text.trim();
  if (!text) throw new AppError("INVALID_INPUT", "Write the amendment: it is empty.", { fieldErrors: { text: "write the amendment" } });
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    const review = await tx.incidentReview.findUnique({ where: { incidentId: incident.id }, select: { id: true, status: true } });
    if (review?.status !== "published") throw new AppError("CONFLICT", `The review of incident #${incident.id} is not published: edit the draft instead.`);
    const amendment = await tx.incidentReviewAmendment.create({
      data: { reviewId: review.id, text, byId: options.actor.id, byLabel: options.actor.email, at: now },
      select: { id: true },
    });
    await appendAuditEvent(
      tx,
      { type: "review.amended", outcome: "ok", actor: auditActorOf(options.actor), target: incident.target, incidentId: incident.id, data: { reviewId: review.id, amendmentId: amendment.id, text } },
      { meta: options.meta, now },
    );
    return { amendmentId: amendment.id };
  }, AUDIT_TX_OPTIONS);
}
