import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request) => Promise<Response>;
export type RouteServer = { url: string; answers: { status: number; body: Buffer }[]; close: () => Promise<void> };

/**
 * Mounts route handlers (as Next calls them, a Request in, a Response out) on a real node:http
 * server on loopback, so real clients such as Prometheus can call them. Records every answer.
 */
export async function startRouteServer(routes: Record<string, Handler>): Promise<RouteServer> {
  const answers: RouteServer["answers"] = [];
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const handler = routes[(incoming.url ?? "").split("?")[0]];
    if (!handler) return void outgoing.writeHead(404).end();
    const headers = new Headers();
    for (const [key, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new Request(`http://127.0.0.1${incoming.url}`, { method: incoming.method, headers, body: incoming.method === "GET" ? undefined : body });
    const response = await handler(request);
    answers.push({ status: response.status, body });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
