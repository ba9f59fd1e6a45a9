import { requireUser } from "@/lib/auth/session";
import { getOnCallSummary } from "@/lib/incidents/get-on-call-summary";
import { jsonError } from "@/lib/http/json-error";

export const dynamic = "force-dynamic";

/** The navigation's badges and the tab title's severity, polled by every console page. */
export async function GET() {
  try {
    await requireUser();
    return Response.json(await getOnCallSummary());
  } catch (error) {
    return jsonError(error);
  }
}
