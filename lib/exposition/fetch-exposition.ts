import { parsePrometheus } from "@/lib/target-api/parse-prometheus";
import { createRequester, invalid } from "@/lib/target-api/request-target";
import type { SeriesValue } from "@/lib/exposition/read-memory-figures";

/**
 * Reads a Prometheus text or OpenMetrics endpoint (the URL is the endpoint itself, such as
 * http://10.0.0.5:9100/metrics). Failures are the target client's TargetApiErrors, so a scrape
 * reports "connection refused", a timeout, an HTTP status or a parse error the same way.
 */
export async function fetchExposition(options: { url: string; timeoutMs: number; fetch?: typeof fetch }): Promise<SeriesValue[]> {
  const url = new URL(options.url);
  const http = createRequester({ baseUrl: url.origin, timeoutMs: options.timeoutMs, fetch: options.fetch ?? globalThis.fetch });
  const { text, endpoint } = await http.readText({ method: "GET", path: `${url.pathname}${url.search}` });
  try {
    return parsePrometheus(text);
  } catch (error) {
    throw invalid(endpoint, `is not Prometheus text or OpenMetrics (${(error as Error).message})`, error);
  }
}
