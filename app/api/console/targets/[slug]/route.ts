import { getTargetView } from "@/lib/console/get-target-view";
import { rangeKeySchema } from "@/lib/console/ranges";
import { errorResponse, jsonError } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireApiUser();
    const range = rangeKeySchema.safeParse(new URL(request.url).searchParams.get("range") ?? undefined);
    if (!range.success) return jsonError(400, "INVALID_INPUT", "range must be one of 1h, 6h, 24h, 7d, 30d");
    const { slug } = await params;
    return Response.json(await getTargetView({ slug, range: range.data }));
  } catch (error) {
    return errorResponse(error);
  }
}
