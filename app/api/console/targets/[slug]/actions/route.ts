import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { errorResponse } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";

export const dynamic = "force-dynamic";

/** The actions panel's data: recent actions with their progress, requests awaiting approval, what each action calls. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireApiUser();
    const { slug } = await params;
    return Response.json(await listTargetActions({ slug, user }));
  } catch (error) {
    return errorResponse(error);
  }
}
