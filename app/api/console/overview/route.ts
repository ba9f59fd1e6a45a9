import { getOverview } from "@/lib/console/get-overview";
import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireUser();
    return Response.json({ targets: await getOverview(), generatedAt: new Date().toISOString() });
  } catch (error) {
    return jsonError(error);
  }
}
