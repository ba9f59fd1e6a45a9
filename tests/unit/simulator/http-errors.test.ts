import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { networkInterfaces } from "node:os";
import { createTargetClient, type TargetClient } from "@/lib/target-api/client";
import { startTargetServer, type TargetServer } from "@/simulator/server";
import { control, expectTargetError, tcpConnect, waitFor } from "./http-helpers";
import { HOUR, T0 } from "./model-helpers";

let server: TargetServer;
let client: TargetClient;
const memoryPath = "/api/v1/monitoring/memory";
const ctl = (method: string, path: string, body?: unknown) => control(server.url, method, path, body);

beforeAll(async () => {
  server = await startTargetServer({ port: 0, seed: 3, scenario: "steady", historyMs: HOUR, now: () => T0, downtimeMs: 300 });
  client = createTargetClient({ baseUrl: server.url, timeoutMs: 1_000 });
});
afterAll(() => server.close());
afterEach(() => ctl("DELETE", "/_control/faults"));

describe("bad requests get a 4xx that says what is wrong", () => {
  it.each([
    [{ max_size: 0 }, "max_size must be an integer from 1 to 1000"],
    [{ max_size: "50" }, "max_size must be an integer from 1 to 1000"],
    [{ max_size: 12.5 }, "max_size must be an integer from 1 to 1000"],
    [{ max_size: 50, min_size: 1 }, "unknown field min_size"],
  ])("agent pool %j", async (body, message) => {
    const error = await expectTargetError(client.resizeAgentPool(body as never), "http", message);
    expect(error.status).toBe(400);
  });

  it.each([
    [{ belief_compression: "yes" }, "belief_compression must be true or false"],
    [{ belief_size_limit_mb: 0 }, "belief_size_limit_mb must be a number from 1 to 1024"],
    [{}, "give at least one of belief_compression, belief_size_limit_mb"],
  ])("config %j", async (body, message) => {
    expect((await expectTargetError(client.updateConfig(body as never), "http", message)).status).toBe(400);
  });

  it("query parameters, paths, methods and bodies", async () => {
    const history = client.getMemoryHistory({ duration: "forever" });
    await expectTargetError(history, "http", /duration: must be a duration such as 90s, 5m, 1h or 7d/);
    await expectTargetError(client.getMemoryHistory({ interval: "5s" }), "http", /interval must be at least 15s/);
    await expectTargetError(client.getOperations({ status: "sleeping" as never }), "http", /status/);
    await expectTargetError(client.getOperations({ duration_gt: "soon" as never }), "http", /duration_gt must be a number of seconds/);
    expect((await ctl("GET", "/api/v1/monitoring/nothing")).status).toBe(404);
    const wrongMethod = await fetch(`${server.url}/api/v1/system/gc`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    const form = await fetch(`${server.url}/api/v1/system/agents/pool`, { method: "POST", body: "max_size=50" });
    expect(form.status).toBe(415);
    expect((await form.json()).error.message).toMatch(/Content-Type: application\/json/);
    const broken = await fetch(`${server.url}/api/v1/system/agents/pool`, { method: "POST", headers: { "content-type": "application/json" }, body: "{max_size: 50" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/not valid JSON/);
  });
});

describe("fault injection reaches the client as the right error kind", () => {
  it("slow answers become timeouts", async () => {
    await ctl("POST", "/_control/faults", { endpoint: memoryPath, kind: "slow", delay_ms: 800, times: 1 });
    const fast = createTargetClient({ baseUrl: server.url, timeoutMs: 150 });
    await expectTargetError(fast.getMemory(), "timeout", /did not answer GET \/api\/v1\/monitoring\/memory within 150 ms/);
    await expect(fast.getMemory()).resolves.toBeDefined();
  });

  it("5xx answers become http errors with their status", async () => {
    await ctl("POST", "/_control/faults", { endpoint: "*", kind: "error", status: 503, times: 2 });
    expect((await expectTargetError(client.getMemory(), "http", /HTTP 503: injected fault/)).status).toBe(503);
    expect((await expectTargetError(client.cleanupCache(), "http")).status).toBe(503);
    await expect(client.getMemory()).resolves.toBeDefined();
  });

  it("malformed JSON and malformed metrics become invalid responses", async () => {
    await ctl("POST", "/_control/faults", { endpoint: memoryPath, kind: "malformed" });
    await ctl("POST", "/_control/faults", { endpoint: "/api/v1/monitoring/metrics", kind: "malformed" });
    await expectTargetError(client.getMemory(), "invalid_response", /is not valid JSON/);
    await expectTargetError(client.getMetrics(), "invalid_response", /is not Prometheus text/);
  });

  it("dropped connections become refused", async () => {
    await ctl("POST", "/_control/faults", { endpoint: memoryPath, kind: "refuse", times: 1 });
    await expectTargetError(client.getMemory(), "refused", /Could not reach the target/);
  });
});

describe("restarts", () => {
  it("an emergency restart refuses connections for its downtime, then a fresh process answers", async () => {
    const before = await client.getMemory();
    const restart = await client.restart("emergency");
    expect(restart.downtime_ms).toBe(300);
    await expectTargetError(client.getMemory(), "refused", /connection refused/);
    expect(await tcpConnect(server.port)).toBe("ECONNREFUSED");
    const after = await waitFor(() => client.getMemory(), 3_000);
    expect(after.instance.id).not.toBe(before.instance.id);
    expect(after.instance.uptime_s).toBe(0);
    expect(after.components.agent_system.used_mb).toBe(0);
    expect(after.components.redis).toEqual(before.components.redis);
  });

  it("a rolling restart keeps answering and refuses a second restart meanwhile", async () => {
    const { previous_instance_id } = await client.restart("rolling");
    expect((await client.getMemory()).instance.id).toBe(previous_instance_id);
    expect((await expectTargetError(client.restart("emergency"), "http", /already in progress/)).status).toBe(409);
    await waitFor(async () => expect((await client.getMemory()).instance.id).not.toBe(previous_instance_id), 3_000);
  });
});

const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

it.skipIf(!external)("control endpoints answer loopback clients only", async () => {
  const open = await startTargetServer({ port: 0, host: "0.0.0.0", historyMs: HOUR, now: () => T0 });
  try {
    const remote = `http://${external}:${open.port}`;
    expect((await fetch(`${remote}${memoryPath}`)).status).toBe(200);
    const refused = await fetch(`${remote}/_control/state`);
    expect(refused.status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${open.port}/_control/state`)).status).toBe(200);
  } finally {
    await open.close();
  }
});
