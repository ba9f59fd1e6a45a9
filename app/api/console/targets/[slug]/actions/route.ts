import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";

export const dynamic = "force-dynamic";

/** The actions panel's data: recent actions with their progress, requests awaiting approval, what each action calls. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireUser();
    const { slug } = await params;
    return Response.json(await listTargetActions({ slug, user }));
  } catch (error) {
    return jsonError(error);
  }
}
