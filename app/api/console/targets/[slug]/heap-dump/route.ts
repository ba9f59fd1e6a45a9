import { defineAction } from "@/lib/actions/define-action";
import { remediationTarget } from "@/lib/actions/record-loaders";
import { auditActorOf } from "@/lib/audit/audit-actor";
import { refuseAttempt } from "@/lib/audit/refuse-attempt";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { AppError, isAppErrorCode } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { runActionInputSchema } from "@/lib/remediation/request/run-action-input";
import { startHeapDump } from "@/lib/remediation/run/start-heap-dump";

export const dynamic = "force-dynamic";

// A route rather than a server action because the answer is a file; it runs through the same chain.
const requestHeapDump = defineAction({
  audit: "remediation.refused",
  input: runActionInputSchema,
  permission: "run:remediation:disruptive",
  record: remediationTarget,
  run: ({ input, user, meta }) => startHeapDump({ actor: { kind: "user", ...user }, input, context: { meta } }),
});

/** The heap dump, streamed to the browser as `memory_dump_YYYYmmdd_HHMMSS.json`. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const origin = request.headers.get("origin");
  if (origin && !sameHost(origin, request.headers.get("host"))) {
    const message = "Heap dumps are requested from the console's own pages only.";
    await refuseAttempt({ type: "remediation.refused", code: "FORBIDDEN", message, actor: auditActorOf(null), meta: requestMetaFrom(request.headers), target: { id: null, slug }, actionId: "heap-dump", data: { origin } });
    return jsonError(new AppError("FORBIDDEN", message));
  }
  const result = await requestHeapDump({ targetSlug: slug, actionId: "heap-dump", idempotencyKey: body?.idempotencyKey });
  if (!result.ok) {
    const action = "action" in result && result.action ? { action: result.action } : undefined;
    return jsonError(new AppError(isAppErrorCode(result.code) ? result.code : "INTERNAL", result.message, action));
  }
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
