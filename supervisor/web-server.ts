// The web console: Next.js behind a plain Node HTTP server, so that the TCP peer's address
// reaches proxy.ts (Next gives route handlers no socket; see lib/http/client-address.ts).
// `npm start` runs it in production mode, `npm run dev` with --dev. Series reads with a bearer
// token are answered here directly (serve-series-directly.ts), before Next.
import { createServer } from "node:http";
import { register } from "node:module";
import next from "next";
import { env } from "@/lib/env";
import { PEER_HEADER, trustedProxies } from "@/lib/http/client-address";

register("./server-only-hook.mjs", import.meta.url);
const { directSeriesSlug, serveSeriesDirectly } = await import("@/supervisor/serve-series-directly");
const trusted = trustedProxies(env().HEADROOM_TRUSTED_PROXIES);

const dev = process.argv.includes("--dev");
const port = env().PORT;
const app = next({ dev, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const slug = directSeriesSlug(request);
  if (slug !== null) {
    void serveSeriesDirectly({ request, response, slug, trusted });
    return;
  }
  // Always overwritten: a client that sends this header itself is not believed.
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
  void handle(request, response);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
}
server.listen(port, () => console.log(`web listening on port ${port}${dev ? " (development)" : ""}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() up; they are idle between requests.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
