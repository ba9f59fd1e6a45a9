import "server-only";
import { db } from "@/lib/db";
import { AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { AppError } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { markIncidentReviewed } from "@/lib/incidents/mark-incident-reviewed";
import type { ReviewContent } from "./review-content";
import { writeReviewDraft, type ReviewWrite } from "./save-review-draft";

/**
 * A lead publishes the review with the content as submitted: the review, the incident's reviewed
 * state, its timeline event and the audit row (incident.reviewed) commit together. From then on
 * the text never changes (a trigger refuses it too); later findings are amendments.
 */
export async function publishReview(options: ReviewWrite<{ content: ReviewContent }>): Promise<{ reviewId: number }> {
  const now = options.now ?? new Date();
  if (options.content.rootCause === null) {
    throw new AppError("INVALID_INPUT", "Choose a root cause before publishing.", { fieldErrors: { rootCause: "choose a root cause" } });
  }
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, options.incidentId);
    if (incident.state !== "resolved") throw new AppError("CONFLICT", `Incident #${incident.id} is ${incident.state}: only a resolved incident's review is published.`);
    const review = await writeReviewDraft(tx, incident, options.content, options.actor, now);
    await tx.incidentReview.update({
      where: { id: review.id },
      data: { status: "published", publishedAt: now, publishedById: options.actor.id, publishedByLabel: options.actor.email },
    });
    await markIncidentReviewed({ tx, incidentId: incident.id, actor: options.actor, reviewId: review.id, meta: options.meta, now });
    return { reviewId: review.id };
  }, AUDIT_TX_OPTIONS);
}
