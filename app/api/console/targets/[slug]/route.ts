import { getTargetView } from "@/lib/console/get-target-view";
import { rangeKeySchema } from "@/lib/console/ranges";
import { AppError } from "@/lib/errors";
import { signedInJson } from "@/lib/http/signed-in-json";

export const dynamic = "force-dynamic";

export const GET = signedInJson<{ slug: string }>(async ({ params, request }) => {
  const range = rangeKeySchema.safeParse(new URL(request.url).searchParams.get("range") ?? undefined);
  if (!range.success) throw new AppError("INVALID_INPUT", "range must be one of 1h, 6h, 24h, 7d, 30d");
  return getTargetView({ slug: params.slug, range: range.data });
});
