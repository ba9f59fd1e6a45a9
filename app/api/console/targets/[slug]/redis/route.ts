import { errorResponse } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";
import { readTargetRedisMemory } from "@/lib/investigation/read-target-redis-memory";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireApiUser();
    const { slug } = await params;
    return Response.json(await readTargetRedisMemory({ slug }));
  } catch (error) {
    return errorResponse(error);
  }
}
