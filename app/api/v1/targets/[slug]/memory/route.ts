import { getCurrentUser } from "@/lib/auth/session";
import { authenticateIngestToken } from "@/lib/ingest/ingest-tokens";
import { errorResponse, jsonError } from "@/lib/http/json-error";
import { memoryQuerySchema } from "@/lib/metrics/memory-query-schema";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { findTargetBySlug } from "@/lib/targets/find-target";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const authorization = request.headers.get("authorization");
    // Independent lookups, so one round trip's latency rather than two.
    const [target, token] = await Promise.all([findTargetBySlug(slug), authorization !== null ? authenticateIngestToken(authorization) : null]);
    const allowed = token ? token.targetId === target.id : (await getCurrentUser()) !== null;
    if (!allowed) return jsonError(401, "UNAUTHENTICATED", "Sign in, or send this target's API token.");
    const query = memoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) {
      return jsonError(400, "INVALID_INPUT", query.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
    }
    const series = await readMemorySeries({ targetId: target.id, from: query.data.from, to: query.data.to, maxPoints: query.data.points });
    // The public API keeps its compact wire format: `points: [{ t, v }]` (t epoch ms, v MB).
    const points = series.points.map((p) => ({ t: p.t, v: p.valueMb }));
    return Response.json({ target: { slug: target.slug, memoryLimitMb: target.memoryLimitMb }, ...series, points });
  } catch (error) {
    return errorResponse(error);
  }
}
