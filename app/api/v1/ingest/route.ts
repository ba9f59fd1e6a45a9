import { requestMetaFrom } from "@/lib/audit/request-meta";
import { authorizeIngestRequest, ingestRefusal } from "@/lib/ingest/authorize-ingest-request";
import { ingestSamples } from "@/lib/ingest/ingest-samples";
import { MAX_BODY_BYTES, parseIngestBody } from "@/lib/ingest/parse-ingest-body";
import { errorResponse, jsonError } from "@/lib/http/json-error";
import { readLimitedBody } from "@/lib/http/read-limited-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const auth = await authorizeIngestRequest({ authorization: request.headers.get("authorization"), meta: requestMetaFrom(request.headers) });
    if (!auth.ok) return ingestRefusal(auth);
    const text = await readLimitedBody(request, MAX_BODY_BYTES);
    if (text === null) return jsonError(413, "PAYLOAD_TOO_LARGE", `Bodies are limited to ${MAX_BODY_BYTES} bytes. Split the batch.`);
    const now = new Date();
    const parsed = parseIngestBody({ contentType: request.headers.get("content-type"), text, now });
    if (!parsed.ok) return jsonError(parsed.status, "INVALID_INPUT", parsed.message, parsed.invalidSamples ? { invalidSamples: parsed.invalidSamples } : undefined);
    const outcome = await ingestSamples({ targetId: auth.targetId, samples: parsed.samples, ignored: parsed.ignored, now });
    if (!outcome.ok) return jsonError(outcome.status, "INVALID_INPUT", outcome.message, { invalidSamples: outcome.invalidSamples });
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
