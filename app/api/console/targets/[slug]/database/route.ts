import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";
import { readTargetDbConnections } from "@/lib/investigation/read-target-db-connections";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const { slug } = await params;
    return Response.json(await readTargetDbConnections({ slug }));
  } catch (error) {
    return jsonError(error);
  }
}
