import { getCurrentUser } from "@/lib/auth/session";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { authorizeIngestRequest, ingestRefusal } from "@/lib/ingest/authorize-ingest-request";
import { memoryQuerySchema } from "@/lib/metrics/memory-query-schema";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { findTargetBySlug } from "@/lib/targets/find-target";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const target = await findTargetBySlug(slug);
    const denied = new AppError("UNAUTHENTICATED", "Sign in, or send this target's API token.");
    if (request.headers.has("authorization")) {
      const token = await authorizeIngestRequest({ authorization: request.headers.get("authorization"), meta: requestMetaFrom(request.headers) });
      if (!token.ok) return ingestRefusal(token);
      if (token.targetId !== target.id) throw denied;
    } else if (!(await getCurrentUser())) {
      throw denied;
    }
    const query = memoryQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) {
      throw new AppError("INVALID_INPUT", query.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
    }
    const series = await readMemorySeries({ targetId: target.id, from: query.data.from, to: query.data.to, maxPoints: query.data.points });
    // The public API keeps its compact wire format: `points: [{ t, v }]` (t epoch ms, v MB).
    const points = series.points.map((p) => ({ t: p.t, v: p.valueMb }));
    return Response.json({ target: { slug: target.slug, memoryLimitMb: target.memoryLimitMb }, ...series, points });
  } catch (error) {
    return jsonError(error);
  }
}
