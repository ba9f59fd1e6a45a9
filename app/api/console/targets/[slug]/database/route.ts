import { errorResponse } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";
import { readTargetDbConnections } from "@/lib/investigation/read-target-db-connections";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireApiUser();
    const { slug } = await params;
    return Response.json(await readTargetDbConnections({ slug }));
  } catch (error) {
    return errorResponse(error);
  }
}
