import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";
import { readTargetRedisMemory } from "@/lib/investigation/read-target-redis-memory";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const { slug } = await params;
    return Response.json(await readTargetRedisMemory({ slug }));
  } catch (error) {
    return jsonError(error);
  }
}
