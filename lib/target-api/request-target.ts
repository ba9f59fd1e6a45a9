import type { z } from "zod";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { apiErrorSchema, describeIssues } from "./common-schemas";
import { describeFetchFailure, TargetApiError } from "./target-api-error";
import { outboundRefusalOf } from "@/lib/net/check-outbound-url";

export type RequesterOptions = { baseUrl: string; timeoutMs: number; fetch: typeof fetch; maxResponseBytes?: number };

/**
 * The largest answer read from a target. A runbook document or an exposition page is a few
 * hundred kilobytes; a target answering 200 MB is broken or hostile, and reading it whole would
 * cost every other target its scrape (README, "Collection limits").
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export type Query = Record<string, string | number | undefined>;
type Call = { method: "GET" | "POST" | "PUT"; path: string; query?: Query; body?: unknown; timeoutMs?: number };

/** The transport under the target client: one place that turns every failure into a TargetApiError. */
export function createRequester({ baseUrl, timeoutMs, fetch, maxResponseBytes = MAX_RESPONSE_BYTES }: RequesterOptions) {
  const root = baseUrl.replace(/\/+$/, "");

  async function send(call: Call): Promise<{ response: Response; endpoint: string; limit: number }> {
    const endpoint = `${call.method} ${call.path}`;
    const limit = call.timeoutMs ?? timeoutMs;
    const url = new URL(root + call.path);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const refusal = await outboundRefusalOf(url.href);
    if (refusal) throw new TargetApiError({ kind: "refused", endpoint, message: `Not called: ${refusal}.` });
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: call.body === undefined ? {} : { "content-type": "application/json" },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(limit),
      });
      if (!response.ok) throw await httpError(response, endpoint);
      return { response, endpoint, limit };
    } catch (error) {
      throw describeFetchFailure(error, endpoint, root, limit) ?? error;
    }
  }

  async function readText(call: Call): Promise<{ text: string; endpoint: string }> {
    const { response, endpoint, limit } = await send(call);
    try {
      return { text: await readCapped(response, endpoint, maxResponseBytes), endpoint };
    } catch (error) {
      throw describeFetchFailure(error, endpoint, root, limit) ?? error;
    }
  }

  async function json<S extends z.ZodType>(call: Call, schema: S): Promise<z.infer<S>> {
    const { text, endpoint } = await readText(call);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw invalid(endpoint, `is not valid JSON (${(error as Error).message})`, error);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw invalid(endpoint, `does not match the contract: ${describeIssues(parsed.error)}`, parsed.error);
    return parsed.data;
  }

  return { send, readText, json };
}

/** The body as text, refused (and the connection closed) as soon as it passes `maxBytes`. */
async function readCapped(response: Response, endpoint: string, maxBytes: number): Promise<string> {
  const text = await readLimitedBody(response, maxBytes);
  if (text !== null) return text;
  throw new TargetApiError({ kind: "too_large", endpoint, message: `The target's answer to ${endpoint} is larger than ${formatBytes(maxBytes)}; it was not read.` });
}

const formatBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} kB`);

export function invalid(endpoint: string, problem: string, cause?: unknown): TargetApiError {
  return new TargetApiError({
    kind: "invalid_response",
    endpoint,
    message: `The target's answer to ${endpoint} ${problem}.`,
    cause,
  });
}

async function httpError(response: Response, endpoint: string): Promise<TargetApiError> {
  const text = await response.text().catch(() => "");
  let detail = text.slice(0, 200).trim();
  try {
    const body = apiErrorSchema.safeParse(JSON.parse(text));
    if (body.success) detail = body.data.error.message;
  } catch {
    // A non-JSON error page still gets reported, by its first characters.
  }
  return new TargetApiError({
    kind: "http",
    endpoint,
    status: response.status,
    message: `The target answered ${endpoint} with HTTP ${response.status}${detail ? `: ${detail}` : ""}.`,
  });
}
