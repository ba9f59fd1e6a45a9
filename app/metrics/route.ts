import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/lib/http/client-address";
import { jsonError } from "@/lib/http/json-error";
import { METRICS_REFUSED, mayReadMetrics } from "@/lib/self-metrics/metrics-access";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

export const dynamic = "force-dynamic";

/** The web process's own metrics in Prometheus exposition: Node.js, process, and what this process counted. */
export async function GET(request: Request) {
  const allowed = mayReadMetrics({
    clientAddress: request.headers.get(CLIENT_IP_HEADER),
    authorization: request.headers.get("authorization"),
    token: env().HEADROOM_METRICS_TOKEN,
  });
  if (!allowed) return jsonError(new AppError("UNAUTHENTICATED", METRICS_REFUSED));
  const { registry } = headroomMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
