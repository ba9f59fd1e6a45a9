import { requestMetaFrom } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/json-error";
import { readLimitedBytes } from "@/lib/http/read-limited-body";
import { authorizeIngestRequest, ingestRefusal } from "@/lib/ingest/authorize-ingest-request";
import { MAX_COMPRESSED_BYTES, receiveRemoteWrite } from "@/lib/remote-write/receive-remote-write";

export const dynamic = "force-dynamic";

/**
 * Prometheus remote_write 1.0 into the target of the bearer ingest token (remote_write's
 * authorization.credentials), behind the same bad-token limit as the ingest API. 204 when
 * stored; 4xx when the data is bad (the sender drops it); 5xx or 429 when it should retry.
 */
export async function POST(request: Request) {
  try {
    const auth = await authorizeIngestRequest({ authorization: request.headers.get("authorization"), meta: requestMetaFrom(request.headers) });
    if (!auth.ok) return ingestRefusal(auth);
    const type = (request.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-protobuf") || (type.includes("proto=") && !type.includes("proto=prometheus.writerequest"))) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send remote_write 1.0: Content-Type: application/x-protobuf (a prometheus.WriteRequest); 2.0 is not supported.");
    }
    if ((request.headers.get("content-encoding") ?? "").toLowerCase() !== "snappy") {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "remote_write bodies are snappy-compressed: Content-Encoding: snappy.");
    }
    const body = await readLimitedBytes(request, MAX_COMPRESSED_BYTES);
    if (body === null) throw new AppError("PAYLOAD_TOO_LARGE", `Bodies are limited to ${MAX_COMPRESSED_BYTES} bytes; lower queue_config.max_samples_per_send.`);
    const outcome = await receiveRemoteWrite({ targetId: auth.targetId, body, now: new Date() });
    return new Response(null, { status: 204, headers: { "x-headroom-stored": String(outcome.stored), "x-headroom-duplicates": String(outcome.duplicates) } });
  } catch (error) {
    return jsonError(error);
  }
}
