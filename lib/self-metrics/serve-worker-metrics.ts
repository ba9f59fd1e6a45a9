import "server-only";
import http from "node:http";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { METRICS_REFUSED, mayReadMetrics } from "@/lib/self-metrics/metrics-access";

/** The worker's GET /metrics on its own port, with the web's access rule (loopback, or the token). */
export async function serveWorkerMetrics(options: { port: number; token: string | undefined; host?: string }): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is served here.\n");
      return;
    }
    if (!mayReadMetrics({ clientAddress: request.socket.remoteAddress, authorization: request.headers.authorization, token: options.token })) {
      response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "UNAUTHENTICATED", message: METRICS_REFUSED }));
      return;
    }
    const { registry } = headroomMetrics();
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
