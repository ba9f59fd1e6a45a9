import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { recordIdSchema } from "@/lib/record-id";
import { formatReviewMarkdown } from "@/lib/reviews/format-review-markdown";
import { getIncidentReview } from "@/lib/reviews/get-incident-review";

export const dynamic = "force-dynamic";

/** An incident's review as Markdown (signed in; any role may read it). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireUser();
    const id = recordIdSchema("id").safeParse((await params).id);
    if (!id.success) throw new AppError("INVALID_INPUT", "id: an incident id is a positive whole number.", { fieldErrors: { id: "not an incident id" } });
    const body = formatReviewMarkdown(await getIncidentReview({ incidentId: id.data }));
    return new Response(body, {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="incident-${id.data}-review.md"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return jsonError(error);
  }
}
