import type { ServerResponse } from "node:http";
import { pipeline, Readable } from "node:stream";
import type { Reply } from "./router";

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, status, { error: { code, message } }, headers);
}

export function sendReply(response: ServerResponse, reply: Reply): void {
  if (reply.kind === "json") return sendJson(response, reply.status ?? 200, reply.body, reply.headers);
  if (reply.kind === "text") {
    response.writeHead(200, { "content-type": reply.contentType, "content-length": Buffer.byteLength(reply.body) });
    response.end(reply.body);
    return;
  }
  response.writeHead(200, reply.headers);
  // Readable.from honours back-pressure, so a slow client never makes the whole dump sit in memory;
  // pipeline stops generating when the client goes away. A failure after the headers can only cut the body.
  pipeline(Readable.from(reply.chunks), response, () => undefined);
}
