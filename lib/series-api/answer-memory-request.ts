import "server-only";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorAnswer, jsonAnswer, type JsonAnswer } from "@/lib/http/json-error";
import { authorizeIngestRequest, ingestRefusalAnswer } from "@/lib/ingest/authorize-ingest-request";
import { memoryQuerySchema } from "@/lib/metrics/memory-query-schema";
import { readMemorySeries, type MemorySeries } from "@/lib/metrics/read-memory-series";
import { createTtlCache } from "@/lib/ttl-cache";

type SeriesTarget = { id: number; slug: string; memoryLimitMb: number };

/** A target's id and limit are taken on trust this long: a renamed, deleted or re-limited target shows within it. */
export const TARGET_CACHE_MS = 5_000;
const targets = createTtlCache<string, SeriesTarget>({ ttlMs: TARGET_CACHE_MS });

async function seriesTarget(slug: string): Promise<SeriesTarget> {
  const cached = targets.get(slug);
  if (cached) return cached;
  const target = await db.target.findUnique({ where: { slug }, select: { id: true, slug: true, memoryLimitMb: true } });
  if (!target) throw new AppError("NOT_FOUND", `No target "${slug}".`);
  targets.set(slug, target);
  return target;
}

/**
 * The body as Response.json would write it, with the points written directly: the wire format
 * is `points: [{ t, v }]` (t epoch ms, v MB), and building 1,000 objects only to stringify them
 * was most of the encoding time. Finite numbers print the same either way.
 */
function seriesJson(target: SeriesTarget, series: MemorySeries): string {
  const { points, ...rest } = series;
  const head = JSON.stringify({ target: { slug: target.slug, memoryLimitMb: target.memoryLimitMb }, ...rest });
  const encoded = points.map((p) => (Number.isFinite(p.t) && Number.isFinite(p.valueMb) ? `{"t":${p.t},"v":${p.valueMb}}` : JSON.stringify({ t: p.t, v: p.valueMb })));
  return `${head.slice(0, -1)},"points":[${encoded.join(",")}]}`;
}

/**
 * GET /api/v1/targets/<slug>/memory, whichever server received it: the Next route (browser
 * sessions and tokens) and supervisor/web-server.ts's direct path for bearer tokens both
 * answer through this. A bearer token is checked behind the bad-token limit of its address
 * (audited); without one, `signedIn` decides. `headers` must carry the client address worked
 * out from the socket (lib/http/client-address.ts), as proxy.ts or the web server sets it.
 * The answer is plain data: the direct path writes it to the socket without a Response.
 */
export async function answerMemoryRequest(options: { slug: string; url: string; headers: Headers; signedIn: () => Promise<boolean> }): Promise<JsonAnswer> {
  try {
    // Who may read is settled before the slug is looked up: a caller without access gets the same
    // answer for a target that exists and one that does not, so names cannot be probed.
    const denied = new AppError("UNAUTHENTICATED", "Sign in, or send this target's API token.");
    let tokenTargetId: number | null = null;
    if (options.headers.has("authorization")) {
      const token = await authorizeIngestRequest({ authorization: options.headers.get("authorization"), meta: requestMetaFrom(options.headers), trustCachedToken: true });
      if (!token.ok) return ingestRefusalAnswer(token);
      tokenTargetId = token.targetId;
    } else if (!(await options.signedIn())) {
      throw denied;
    }
    const target = await seriesTarget(options.slug).catch((error: unknown) => {
      throw tokenTargetId !== null && error instanceof AppError && error.code === "NOT_FOUND" ? denied : error;
    });
    if (tokenTargetId !== null && tokenTargetId !== target.id) throw denied;
    const query = memoryQuerySchema.safeParse(Object.fromEntries(new URL(options.url).searchParams));
    if (!query.success) {
      throw new AppError("INVALID_INPUT", query.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; "));
    }
    const series = await readMemorySeries({ targetId: target.id, from: query.data.from, to: query.data.to, maxPoints: query.data.points });
    return jsonAnswer(200, seriesJson(target, series));
  } catch (error) {
    return errorAnswer(error);
  }
}
