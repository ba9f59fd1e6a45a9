import { z } from "zod";
import { describeSampleIssues, jsonSampleSchema, sampleSchema, type Sample } from "@/lib/ingest/sample-schema";
import { memorySampleFromPrometheus } from "@/lib/metrics/prometheus-names";
import { formatLabels } from "@/lib/metrics/sample";
import { PrometheusParseError, parsePrometheus } from "@/lib/target-api/parse-prometheus";

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_SAMPLES = 10_000;

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
  const checked = batch.data.samples.map((raw, index) => ({ index, result: jsonSampleSchema.safeParse(raw) }));
  return collect(checked, checked.length, 0);
}

type Checked = { index: number; result: z.ZodSafeParseResult<Sample> };

/** All valid, or the batch refused with every bad sample listed by its index in the body: nothing of it is stored. */
function collect(checked: Checked[], total: number, ignored: number): ParseResult {
  const samples: ParsedSample[] = [];
  const invalid: InvalidSample[] = [];
  for (const { index, result } of checked) {
    if (!result.success) invalid.push({ index, errors: describeSampleIssues(result.error) });
    else samples.push({ metricName: result.data.metric, labels: formatLabels(result.data.labels), timestamp: new Date(result.data.timestamp), valueMb: result.data.value });
  }
  if (invalid.length > 0) {
    return { ok: false, code: "INVALID_INPUT", message: `${invalid.length} of ${total} samples are invalid; nothing was stored.`, invalidSamples: invalid.slice(0, 100) };
  }
  return { ok: true, samples, ignored };
}

function parseExposition(text: string, now: Date): ParseResult {
  try {
    const parsed = parsePrometheus(text);
    if (parsed.length > MAX_SAMPLES) return tooMany(parsed.length);
    // Only memory gauges are stored; each goes through the JSON path's sample schema once mapped to MB.
    const checked = parsed.flatMap((s, index): Checked[] => {
      const mapped = memorySampleFromPrometheus(s.name, s.value);
      if (!mapped) return [];
      const sample = { metric: mapped.metricName, labels: s.labels, timestamp: s.timestampMs ?? now.getTime(), value: mapped.valueMb };
      return [{ index, result: sampleSchema.safeParse(sample) }];
    });
    return collect(checked, parsed.length, parsed.length - checked.length);
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
