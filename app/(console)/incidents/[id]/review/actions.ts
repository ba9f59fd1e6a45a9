"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { incidentById } from "@/lib/actions/record-loaders";
import type { RefusableEventType } from "@/lib/audit/audit-event";
import type { Permission } from "@/lib/auth/permissions";
import { recordIdSchema } from "@/lib/record-id";
import { amendReview, MAX_AMENDMENT_LENGTH } from "@/lib/reviews/amend-review";
import { publishReview } from "@/lib/reviews/publish-review";
import { reviewContentSchema } from "@/lib/reviews/review-content";
import { saveReviewDraft, type ReviewWrite } from "@/lib/reviews/save-review-draft";

const incidentId = recordIdSchema("incidentId");

// The form sends the follow-ups as one JSON field and an empty root cause as "".
const parseJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
const reviewForm = z.object({
  incidentId,
  rootCause: z.preprocess((v) => (v === "" ? null : v), reviewContentSchema.shape.rootCause),
  summary: reviewContentSchema.shape.summary,
  followUps: z.preprocess(parseJson, reviewContentSchema.shape.followUps),
});
const contentOf = ({ rootCause, summary, followUps }: z.output<typeof reviewForm>) => ({ content: { rootCause, summary, followUps } });

/**
 * The three review forms are one shape: a form naming the incident, a permission, one lib/
 * call taking `ReviewWrite`, the same pages revalidated, a sentence back.
 */
function reviewAction<S extends z.ZodType<{ incidentId: number }>, T>(spec: {
  audit: RefusableEventType;
  permission: Permission;
  input: S;
  change: (input: z.output<S>) => T;
  write: (options: ReviewWrite<T>) => Promise<unknown>;
  done: (incidentId: number) => string;
}) {
  return formAction({
    audit: spec.audit,
    input: spec.input,
    permission: spec.permission,
    record: incidentById,
    run: async ({ input, user, record, meta }) => {
      await spec.write({ incidentId: record.id, actor: user, meta, ...spec.change(input) });
      revalidatePath(`/incidents/${record.id}/review`);
      revalidatePath(`/incidents/${record.id}`);
      revalidatePath("/incidents");
      return spec.done(record.id);
    },
  });
}

export const saveReviewDraftAction = reviewAction({
  audit: "review.drafted",
  permission: "respond:incident",
  input: reviewForm,
  change: contentOf,
  write: saveReviewDraft,
  done: () => "Draft saved.",
});

export const publishReviewAction = reviewAction({
  audit: "incident.reviewed",
  permission: "publish:review",
  input: reviewForm,
  change: contentOf,
  write: publishReview,
  done: (id) => `Review of incident #${id} published.`,
});

export const amendReviewAction = reviewAction({
  audit: "review.amended",
  permission: "publish:review",
  input: z.object({ incidentId, text: z.string().trim().min(1, { error: "write the amendment" }).max(MAX_AMENDMENT_LENGTH) }),
  change: ({ text }) => ({ text }),
  write: amendReview,
  done: () => "Amendment added.",
});
