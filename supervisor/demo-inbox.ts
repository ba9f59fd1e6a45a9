import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type DemoInbox = { url: string; messages(): { at: string; text: string }[]; close(): Promise<void> };

const MAX_BODY_BYTES = 64 * 1024;
const KEPT = 100;

/**
 * The demo's stand-in for a Slack channel: a Slack-compatible incoming webhook on loopback that
 * prints each message's one line to the terminal (`inbox | …`), so a newcomer sees who would be
 * paged, and when, without configuring anything. `GET` lists the last hundred, for tests.
 */
export async function startDemoInbox(options: { log: (line: string) => void; port?: number }): Promise<DemoInbox> {
  const kept: { at: string; text: string }[] = [];
  const server = createServer((request, response) => {
    if (request.url !== "/hooks/slack") return void response.writeHead(404).end("not found: POST /hooks/slack\n");
    if (request.method === "GET") return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ messages: kept }));
    if (request.method !== "POST") return void response.writeHead(405, { allow: "GET, POST" }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) return void response.writeHead(413).end("too large\n");
      let text: unknown;
      try {
        text = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: unknown }).text;
      } catch {
        text = undefined;
      }
      // Slack answers a payload without text with 400 "no_text"; so does this.
      if (typeof text !== "string" || text.trim() === "") return void response.writeHead(400).end("no_text\n");
      kept.push({ at: new Date().toISOString(), text });
      if (kept.length > KEPT) kept.shift();
      options.log(text);
      response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/slack`,
    messages: () => [...kept],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
