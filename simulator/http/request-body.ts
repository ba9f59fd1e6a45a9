import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error";

const maxBytes = 64 * 1024;

/** Reads a JSON body; curl without -H "Content-Type: application/json" sends a form, which gets a 415 that says so. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, "payload_too_large", `request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new HttpError(400, "bad_request", "request body is empty; send a JSON object");
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, "unsupported_media_type", `send the body as JSON with "Content-Type: application/json" (got "${type || "none"}")`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "bad_request", `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Drains a body the route does not use, so keep-alive connections stay usable. */
export async function discardBody(request: IncomingMessage): Promise<void> {
  for await (const chunk of request) void chunk;
}
