import http from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from "@/lib/http/peer-address";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { serveWorkerMetrics } from "@/lib/self-metrics/serve-worker-metrics";
import { parsePrometheus } from "@/lib/target-api/parse-prometheus";

const servers: { close: () => unknown }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A non-loopback address of this machine, so a request can come from "elsewhere" without leaving it. */
const otherAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("GET /metrics (web)", () => {
  it("serves process, Node.js and Headroom figures to loopback, refuses others without the token", async () => {
    headroomMetrics().samplesWritten.inc({ source: "ingest" }, 3);
    const ok = await GET(new Request("http://127.0.0.1/metrics", { headers: { [PEER_ADDRESS_HEADER]: "127.0.0.1" } }));
    expect(ok.status).toBe(200);
    const names = new Set(parsePrometheus(await ok.text()).map((s) => s.name));
    for (const name of ["process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "headroom_samples_written_total"]) expect(names).toContain(name);
    const refused = await GET(new Request("http://10.0.0.9/metrics", { headers: { [PEER_ADDRESS_HEADER]: "10.0.0.9", "x-forwarded-for": "127.0.0.1" } }));
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toMatch(/HEADROOM_METRICS_TOKEN/);
  });

  it("the peer address is the socket's: a client's own header is overwritten", async () => {
    stampPeerAddresses();
    const seen: (string | undefined)[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers[PEER_ADDRESS_HEADER] as string | undefined);
      response.end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "10.9.9.9" } });
    expect(seen[0]).toMatch(/127\.0\.0\.1$/);
    if (otherAddress) {
      await fetch(`http://${otherAddress}:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "127.0.0.1" } });
      expect(seen[1]).toMatch(new RegExp(`${otherAddress.replaceAll(".", "\\.")}$`));
    }
  });
});

describe("the worker's metrics port", () => {
  it("answers loopback, and from elsewhere only with HEADROOM_METRICS_TOKEN", async () => {
    const token = "worker-metrics-token-123";
    const served = await serveWorkerMetrics({ port: 0, token });
    servers.push(served);
    headroomMetrics().scrapes.inc({ target: "t", outcome: "ok" });
    const local = await fetch(`http://127.0.0.1:${served.port}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toMatch(/headroom_scrapes_total\{target="t",outcome="ok"\} \d/);
    expect((await fetch(`http://127.0.0.1:${served.port}/other`)).status).toBe(404);
    if (otherAddress) {
      expect((await fetch(`http://${otherAddress}:${served.port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://${otherAddress}:${served.port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    }
  });
});
