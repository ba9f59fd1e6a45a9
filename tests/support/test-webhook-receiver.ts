import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown; receivedAt: number };

/** How the receiver answers one request: a status code, or "hang" to never answer. */
export type ReceiverAnswer = number | "hang";

export type TestWebhookReceiver = {
  url: string;
  requests: ReceivedWebhook[];
  /** Answers for the next requests, in order; after they are used up every request gets `fallback`. */
  answer(answers: ReceiverAnswer[], fallback?: ReceiverAnswer): void;
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) that records every webhook it receives
 * and answers as the test tells it to, so delivery, retries and failures go over a real socket.
 */
export async function startTestWebhookReceiver(): Promise<TestWebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let queue: ReceiverAnswer[] = [];
  let fallback: ReceiverAnswer = 200;
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as text: the test then fails on the shape, which is the point.
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, receivedAt: Date.now() });
      const answer = queue.length > 0 ? queue.shift()! : fallback;
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { "content-type": "text/plain" });
      res.end(answer >= 200 && answer < 300 ? "ok" : `test receiver answered ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/test`,
    requests,
    answer(answers, nextFallback = 200) {
      queue = [...answers];
      fallback = nextFallback;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
