import { getTargetView } from "@/lib/console/get-target-view";
import { rangeKeySchema } from "@/lib/console/ranges";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const range = rangeKeySchema.safeParse(new URL(request.url).searchParams.get("range") ?? undefined);
    if (!range.success) throw new AppError("INVALID_INPUT", "range must be one of 1h, 6h, 24h, 7d, 30d");
    const { slug } = await params;
    return Response.json(await getTargetView({ slug, range: range.data }));
  } catch (error) {
    return jsonError(error);
  }
}
