// The machine API's series read, answered by the web server itself rather than by Next: the
// per-request cost of Next's pipeline (proxy, routing, rendering context) was several times
// the read itself. Only bearer-token requests come here; browser sessions still go through Next.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env, publicUrlIsHttps } from "@/lib/env";
import { describeError, INTERNAL_MESSAGE } from "@/lib/errors";
import { CLIENT_IP_HEADER, clientAddressOf, type TrustedProxies } from "@/lib/http/client-address";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { answerMemoryRequest } from "@/lib/series-api/answer-memory-request";

const SERIES_PATH = /^\/api\/v1\/targets\/([^/?#]+)\/memory(?:\?|$)/;

/** The slug when this is a series read with a bearer token (what this path serves), else null. */
export function directSeriesSlug(request: IncomingMessage): string | null {
  if (request.method !== "GET") return null;
  if (!/^Bearer\s/i.test(request.headers.authorization ?? "")) return null;
  const match = SERIES_PATH.exec(request.url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Answers a request `directSeriesSlug` accepted, with the headers proxy.ts gives every response. Never rejects. */
export async function serveSeriesDirectly(options: { request: IncomingMessage; response: ServerResponse; slug: string; trusted: TrustedProxies }): Promise<void> {
  try {
    await answer(options);
  } catch (error) {
    // answerMemoryRequest answers its own errors: this is a socket gone or a bug here.
    console.error(`series request failed: ${describeError(error)}`);
    if (options.response.headersSent) options.response.destroy();
    else options.response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "INTERNAL", message: INTERNAL_MESSAGE }));
  }
}

async function answer(options: { request: IncomingMessage; response: ServerResponse; slug: string; trusted: TrustedProxies }): Promise<void> {
  const { request, response } = options;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // As proxy.ts does: the address the audit records comes from the socket, never from the client.
  const address = clientAddressOf({ peer: request.socket.remoteAddress ?? null, forwardedFor: headers.get("x-forwarded-for"), trusted: options.trusted });
  if (address) headers.set(CLIENT_IP_HEADER, address);
  else headers.delete(CLIENT_IP_HEADER);
  const answered = await answerMemoryRequest({ slug: options.slug, url: `http://${request.headers.host ?? "localhost"}${request.url}`, headers, signedIn: async () => false });
  const out: Record<string, string> = {
    ...securityHeaders({ nonce: newNonce(), https: publicUrlIsHttps(), dev: env().NODE_ENV === "development" }),
    ...answered.headers,
    "content-length": String(Buffer.byteLength(answered.body)),
  };
  response.writeHead(answered.status, out).end(answered.body);
}
