import { auditedServerAction } from "@/lib/remediation/audited-server-action";
import { startHeapDump } from "@/lib/remediation/run/start-heap-dump";
import { jsonError } from "@/lib/http/json-error";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { refuseAttempt } from "@/lib/remediation/refuse-attempt";

export const dynamic = "force-dynamic";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, INVALID_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, UPSTREAM_FAILED: 502 };

/**
 * The heap dump, streamed to the browser as `memory_dump_YYYYmmdd_HHMMSS.json`. A route rather
 * than a server action because the answer is a file; it runs through the same audited chain.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const input = { targetSlug: slug, actionId: "heap-dump", idempotencyKey: body?.idempotencyKey };
  const origin = request.headers.get("origin");
  if (origin && !sameHost(origin, request.headers.get("host"))) {
    const message = "Heap dumps are requested from the console's own pages only.";
    await refuseAttempt({ type: "remediation.refused", outcome: "denied", message, actor: { kind: "anonymous" }, meta: requestMetaFrom(request.headers), at: new Date(), target: { id: null, slug }, actionId: "heap-dump", data: { origin } });
    return jsonError(403, "FORBIDDEN", message);
  }
  const result = await auditedServerAction({
    refusedType: "remediation.refused",
    permission: "run:remediation:disruptive",
    input,
    run: (actor, meta) => startHeapDump({ actor, input, context: { meta } }),
  });
  if (!result.ok) return jsonError(STATUS[result.code] ?? 500, result.code, result.message, result.action ? { action: result.action } : undefined);
  return new Response(result.stream, {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="${result.filename}"`,
      "cache-control": "no-store",
      "x-remediation-id": String(result.action.id),
    },
  });
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
