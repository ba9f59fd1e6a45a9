import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";
import { getActionView } from "@/lib/remediation/get-action-view";

export const dynamic = "force-dynamic";

/** One action's record, polled by a page while the worker runs it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireUser();
    const { id } = await params;
    return Response.json(await getActionView({ id }));
  } catch (error) {
    return jsonError(error);
  }
}
