import { outboundRefusalOf } from "@/lib/net/check-outbound-url";
import { parseRetryAfter } from "./compute-backoff";

export type SendWebhookResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; permanent: boolean; retryAfterMs: number | null };

/**
 * One POST of the JSON payload. 2xx is delivered; 408, 429, 5xx and network errors are worth a
 * retry; any other answer (a 404 from a deleted Slack webhook, a 400) will not change by
 * retrying and fails at once. Redirects are not followed: a webhook URL must be the final one.
 */
export async function sendWebhook(options: { url: string; payload: unknown; timeoutMs: number; now: number }): Promise<SendWebhookResult> {
  const refusal = await outboundRefusalOf(options.url);
  if (refusal) return { ok: false, status: null, error: `not sent: ${refusal}`, permanent: true, retryAfterMs: null };
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Headroom-Alerting/1" },
      body: JSON.stringify(options.payload),
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const message = timedOut ? `no answer within ${options.timeoutMs} ms` : `${error instanceof Error ? error.message : String(error)}${cause}`;
    return { ok: false, status: null, error: message, permanent: false, retryAfterMs: null };
  }
  const body = await response.text().catch(() => "");
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const excerpt = body.trim().slice(0, 200);
  return {
    ok: false,
    status: response.status,
    error: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`,
    permanent: !retryable,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), options.now),
  };
}
