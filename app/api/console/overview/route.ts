import { getOverview } from "@/lib/console/get-overview";
import { errorResponse } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireApiUser();
    return Response.json({ targets: await getOverview(), generatedAt: new Date().toISOString() });
  } catch (error) {
    return errorResponse(error);
  }
}
