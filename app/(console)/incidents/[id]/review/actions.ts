"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/define-action";
import { incidentById } from "@/lib/actions/record-loaders";
import { recordIdSchema } from "@/lib/record-id";
import { amendReview, MAX_AMENDMENT_LENGTH } from "@/lib/reviews/amend-review";
import { publishReview } from "@/lib/reviews/publish-review";
import { reviewContentSchema } from "@/lib/reviews/review-content";
import { saveReviewDraft } from "@/lib/reviews/save-review-draft";

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
const contentOf = (input: z.output<typeof reviewForm>) => ({ rootCause: input.rootCause, summary: input.summary, followUps: input.followUps });

function revalidateReview(record: { id: number; targetSlug: string }) {
  revalidatePath(`/incidents/${record.id}/review`);
  revalidatePath(`/incidents/${record.id}`);
  revalidatePath("/incidents");
}

export const saveReviewDraftAction = formAction({
  audit: "review.drafted",
  input: reviewForm,
  permission: "respond:incident",
  record: incidentById,
  run: async ({ input, user, record, meta }) => {
    await saveReviewDraft({ incidentId: record.id, content: contentOf(input), actor: user, meta });
    revalidateReview(record);
    return "Draft saved.";
  },
});

export const publishReviewAction = formAction({
  audit: "incident.reviewed",
  input: reviewForm,
  permission: "publish:review",
  record: incidentById,
  run: async ({ input, user, record, meta }) => {
    await publishReview({ incidentId: record.id, content: contentOf(input), actor: user, meta });
    revalidateReview(record);
    return `Review of incident #${record.id} published.`;
  },
});

export const amendReviewAction = formAction({
  audit: "review.amended",
  input: z.object({ incidentId, text: z.string().trim().min(1, { error: "write the amendment" }).max(MAX_AMENDMENT_LENGTH) }),
  permission: "publish:review",
  record: incidentById,
  run: async ({ input, user, record, meta }) => {
    await amendReview({ incidentId: record.id, text: input.text, actor: user, meta });
    revalidateReview(record);
    return "Amendment added.";
  },
});
