import { networkInterfaces } from "node:os";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { proxy } from "@/proxy";
import { CLIENT_IP_HEADER, PEER_HEADER } from "@/lib/http/client-address";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";
import { serveWorkerMetrics } from "@/lib/self-metrics/serve-worker-metrics";
import { parsePrometheus } from "@/lib/target-api/parse-prometheus";

const servers: { close: () => unknown }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A non-loopback address of this machine, so a request can come from "elsewhere" without leaving it. */
const otherAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

/** The request headers proxy.ts hands on to the route (Next's encoding of NextResponse.next({ request })). */
function forwarded(response: Response): Headers {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  return new Headers(names.map((name): [string, string] => [name, response.headers.get(`x-middleware-request-${name}`) ?? ""]));
}

/** A request as supervisor/web-server.ts stamps it, through proxy.ts to the route, as Next would. */
async function getMetrics(headers: Record<string, string>): Promise<Response> {
  const passed = await proxy(new NextRequest("http://localhost:3000/metrics", { headers }));
  expect(passed.headers.get("x-middleware-next")).toBe("1");
  return GET(new Request("http://localhost:3000/metrics", { headers: forwarded(passed) }));
}

describe("GET /metrics (web)", () => {
  it("serves process, Node.js and Headroom figures to loopback, refuses others without the token", async () => {
    headroomMetrics().samplesWritten.inc({ source: "ingest" }, 3);
    const ok = await getMetrics({ [PEER_HEADER]: "127.0.0.1" });
    expect(ok.status).toBe(200);
    const names = new Set(parsePrometheus(await ok.text()).map((s) => s.name));
    for (const name of ["process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "headroom_samples_written_total"]) expect(names).toContain(name);
    const refused = await getMetrics({ [PEER_HEADER]: "10.0.0.9", "x-forwarded-for": "127.0.0.1", [CLIENT_IP_HEADER]: "127.0.0.1" });
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toMatch(/HEADROOM_METRICS_TOKEN/);
  });

  it("is refused when no socket peer was stamped (not served by web-server.ts), whatever the client claims", async () => {
    expect((await getMetrics({ "x-forwarded-for": "127.0.0.1", [CLIENT_IP_HEADER]: "127.0.0.1" })).status).toBe(401);
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
