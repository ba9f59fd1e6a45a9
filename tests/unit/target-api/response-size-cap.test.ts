import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequester } from "@/lib/target-api/request-target";
import { TargetApiError } from "@/lib/target-api/target-api-error";

// A real HTTP server: one answer with Content-Length, one streamed (chunked) without it.
let server: http.Server;
let base: string;
let streamedBytes = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/declared") return void res.writeHead(200, { "content-length": String(3 * 1024 * 1024) }).end("x".repeat(3 * 1024 * 1024));
    if (req.url === "/small") return void res.writeHead(200).end("fits");
    // Streams 64 kB chunks until the client hangs up: a body without an end.
    res.writeHead(200, { "content-type": "text/plain" });
    const chunk = "y".repeat(64 * 1024);
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) streamedBytes += chunk.length;
      if (!res.destroyed) res.once("drain", pump);
    };
    res.on("close", () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const requester = () => createRequester({ baseUrl: base, timeoutMs: 10_000, fetch: globalThis.fetch, maxResponseBytes: 1024 * 1024 });

describe("a target's answer larger than the cap", () => {
  it("is refused from its declared length, naming the endpoint and the cap", async () => {
    const error = await requester().readText({ method: "GET", path: "/declared" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetApiError);
    expect((error as TargetApiError).kind).toBe("too_large");
    expect((error as TargetApiError).message).toBe("The target's answer to GET /declared is larger than 1 MiB; it was not read.");
  });

  it("is refused while streaming, without reading the rest", async () => {
    const error = await requester().readText({ method: "GET", path: "/endless" }).catch((e: unknown) => e);
    expect((error as TargetApiError).kind).toBe("too_large");
    // The server stopped being read soon after the cap (socket buffers hold a few MB at most).
    expect(streamedBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("reads an answer within the cap as before", async () => {
    expect((await requester().readText({ method: "GET", path: "/small" })).text).toBe("fits");
  });
});
