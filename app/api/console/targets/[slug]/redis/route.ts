import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";
import { readRedisMemory } from "@/lib/investigation/read-redis-memory";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const { slug } = await params;
    const target = await db.target.findUnique({ where: { slug }, select: { remediationSettings: { select: { redisUrl: true } } } });
    if (!target) throw new AppError("NOT_FOUND", `No target "${slug}".`);
    const url = target.remediationSettings?.redisUrl;
    if (!url) return Response.json({ configured: false });
    return Response.json({ configured: true, ...(await readRedisMemory({ url })) });
  } catch (error) {
    return jsonError(error);
  }
}
