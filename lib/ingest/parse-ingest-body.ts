import { z } from "zod";
import { memorySampleFromPrometheus } from "@/lib/metrics/prometheus-names";
import { formatLabels } from "@/lib/metrics/sample";
import { PrometheusParseError, parsePrometheus } from "@/lib/target-api/parse-prometheus";

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_SAMPLES = 10_000;

export const ingestSampleSchema = z.strictObject({
  metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_.:]{0,199}$/, "must be a metric name like system.memory.used"),
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "label names are [a-zA-Z_][a-zA-Z0-9_]*"), z.string().max(200)).optional(),
  timestamp: z.union([z.iso.datetime({ offset: true }), z.int().positive()], "must be an ISO 8601 time or epoch milliseconds"),
  value: z.number().finite().nonnegative("memory in MB cannot be negative"),
});

const batchSchema = z.strictObject({ samples: z.array(z.unknown()) });

export type ParsedSample = { metricName: string; labels: string; timestamp: Date; valueMb: number };
export type InvalidSample = { index: number; errors: string[] };

export type ParseResult =
  | { ok: true; samples: ParsedSample[]; ignored: number }
  | { ok: false; code: "INVALID_INPUT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE"; message: string; invalidSamples?: InvalidSample[] };

function tooMany(count: number): ParseResult {
  return { ok: false, code: "PAYLOAD_TOO_LARGE", message: `A batch holds at most ${MAX_SAMPLES} samples; this one has ${count}. Split it.` };
}

function parseJson(text: string): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: "INVALID_INPUT", message: `Body is not valid JSON: ${(error as Error).message}` };
  }
  const batch = batchSchema.safeParse(body);
  if (!batch.success) return { ok: false, code: "INVALID_INPUT", message: 'Body must be {"samples": [...]} and nothing else.' };
  if (batch.data.samples.length > MAX_SAMPLES) return tooMany(batch.data.samples.length);
  const samples: ParsedSample[] = [];
  const invalid: InvalidSample[] = [];
  batch.data.samples.forEach((raw, index) => {
    const parsed = ingestSampleSchema.safeParse(raw);
    if (!parsed.success) {
      invalid.push({ index, errors: parsed.error.issues.map((i) => `${i.path.join(".") || "sample"}: ${i.message}`) });
      return;
    }
    const { metric, labels, timestamp, value } = parsed.data;
    samples.push({ metricName: metric, labels: formatLabels(labels), timestamp: new Date(timestamp), valueMb: value });
  });
  if (invalid.length > 0) {
    return { ok: false, code: "INVALID_INPUT", message: `${invalid.length} of ${batch.data.samples.length} samples are invalid; nothing was stored.`, invalidSamples: invalid.slice(0, 100) };
  }
  return { ok: true, samples, ignored: 0 };
}

function parseExposition(text: string, now: Date): ParseResult {
  try {
    const parsed = parsePrometheus(text);
    if (parsed.length > MAX_SAMPLES) return tooMany(parsed.length);
    const samples: ParsedSample[] = [];
    for (const s of parsed) {
      const memory = memorySampleFromPrometheus(s.name, s.value);
      if (!memory) continue;
      samples.push({ ...memory, labels: formatLabels(s.labels), timestamp: new Date(s.timestampMs ?? now.getTime()) });
    }
    return { ok: true, samples, ignored: parsed.length - samples.length };
  } catch (error) {
    if (error instanceof PrometheusParseError) return { ok: false, code: "INVALID_INPUT", message: `Invalid Prometheus text, ${error.message}; nothing was stored.` };
    throw error;
  }
}

/** Parses a push body: JSON batch (application/json) or Prometheus text exposition (text/plain). */
export function parseIngestBody(options: { contentType: string | null; text: string; now: Date }): ParseResult {
  const type = (options.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") return parseJson(options.text);
  if (type === "text/plain" || type === "application/openmetrics-text") return parseExposition(options.text, options.now);
  return { ok: false, code: "UNSUPPORTED_MEDIA_TYPE", message: "Send application/json ({\"samples\": [...]}) or text/plain (Prometheus exposition)." };
}
