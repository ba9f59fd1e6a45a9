import "server-only";
import { uncompress } from "snappyjs";
import { AppError } from "@/lib/errors";
import { ingestSamples } from "@/lib/ingest/ingest-samples";
import { decodeWriteRequest, RemoteWriteDecodeError } from "@/lib/remote-write/decode-write-request";
import { samplesFromWriteRequest } from "@/lib/remote-write/samples-from-write-request";
import { readTargetSource, recordReportedLimit } from "@/lib/targets/target-source";

export const MAX_COMPRESSED_BYTES = 8 * 1024 * 1024;
const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
const MAX_SAMPLES = 200_000;

export type RemoteWriteOutcome = { accepted: number; stored: number; duplicates: number; ignored: number; stale: number };

/**
 * One remote_write 1.0 request for a target: snappy block format, protobuf WriteRequest, mapped
 * like a scrape, stored all or nothing. Bad data is an INVALID_INPUT (400: Prometheus drops the
 * batch); a database failure is thrown on, which the route answers with a 5xx (Prometheus retries,
 * and since writes are idempotent per series and timestamp, a retry stores nothing twice).
 */
export async function receiveRemoteWrite(options: { targetId: number; body: Uint8Array; now: Date }): Promise<RemoteWriteOutcome> {
  let raw: Uint8Array;
  try {
    raw = uncompress(options.body, MAX_UNCOMPRESSED_BYTES);
  } catch (error) {
    throw new AppError("INVALID_INPUT", `The body is not snappy block format (${(error as Error).message}); nothing was stored.`);
  }
  let series;
  try {
    series = decodeWriteRequest(raw);
  } catch (error) {
    if (error instanceof RemoteWriteDecodeError) throw new AppError("INVALID_INPUT", `The body is not a remote_write WriteRequest (${error.message}); nothing was stored.`);
    throw error;
  }
  const source = await readTargetSource({ targetId: options.targetId });
  if (!source) throw new AppError("NOT_FOUND", "The token's target no longer exists.");
  const mapped = samplesFromWriteRequest({ series, mapping: source.mapping, knownLimitMb: source.memoryLimitMb });
  if (mapped.samples.length > MAX_SAMPLES) throw new AppError("PAYLOAD_TOO_LARGE", `At most ${MAX_SAMPLES} samples per request; lower queue_config.max_samples_per_send.`);
  const outcome = await ingestSamples({ targetId: options.targetId, samples: mapped.samples, ignored: mapped.ignored, now: options.now, source: "remote_write" });
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message, { invalidSamples: outcome.invalidSamples });
  if (mapped.reportedLimitMb !== null) await recordReportedLimit({ targetId: options.targetId, limitMb: mapped.reportedLimitMb });
  return { accepted: outcome.accepted, stored: outcome.stored, duplicates: outcome.duplicates, ignored: outcome.ignored, stale: mapped.stale };
}
