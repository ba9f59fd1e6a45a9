import { requestMetaFrom } from "@/lib/audit/request-meta";
import { authorizeIngestRequest, ingestRefusal } from "@/lib/ingest/authorize-ingest-request";
import { ingestSamples } from "@/lib/ingest/ingest-samples";
import { MAX_BODY_BYTES, parseIngestBody } from "@/lib/ingest/parse-ingest-body";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { readLimitedBody } from "@/lib/http/read-limited-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const auth = await authorizeIngestRequest({ authorization: request.headers.get("authorization"), meta: requestMetaFrom(request.headers) });
    if (!auth.ok) return ingestRefusal(auth);
    const text = await readLimitedBody(request, MAX_BODY_BYTES);
    if (text === null) throw new AppError("PAYLOAD_TOO_LARGE", `Bodies are limited to ${MAX_BODY_BYTES} bytes. Split the batch.`);
    const now = new Date();
    const parsed = parseIngestBody({ contentType: request.headers.get("content-type"), text, now });
    if (!parsed.ok) throw new AppError(parsed.code, parsed.message, parsed.invalidSamples ? { invalidSamples: parsed.invalidSamples } : undefined);
    const outcome = await ingestSamples({ targetId: auth.targetId, samples: parsed.samples, ignored: parsed.ignored, now });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message, { invalidSamples: outcome.invalidSamples });
    return Response.json(outcome);
  } catch (error) {
    return jsonError(error);
  }
}
