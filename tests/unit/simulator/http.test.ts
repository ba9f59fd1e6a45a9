import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTargetClient, type TargetClient } from "@/lib/target-api/client";
import {
  controlStateSchema,
  faultSchema,
  memoryDumpSchema,
  redisCleanResponseSchema,
} from "@/lib/target-api/schemas";
import { simulateHistory } from "@/simulator/model/simulate-history";
import { startTargetServer, type TargetServer } from "@/simulator/server";
import { control, waitFor } from "./http-helpers";
import { HOUR, T0 } from "./model-helpers";

let server: TargetServer;
let client: TargetClient;
const ctl = (method: string, path: string, body?: unknown) => control(server.url, method, path, body);

beforeAll(async () => {
  // A frozen clock: nothing moves between two requests, so before/after figures compare exactly.
  server = await startTargetServer({ port: 0, seed: 42, scenario: "leak", historyMs: 3 * HOUR, now: () => T0, downtimeMs: 200 });
  client = createTargetClient({ baseUrl: server.url, timeoutMs: 2_000 });
});
afterAll(() => server.close());

async function readDump(): Promise<string> {
  const { body, filename } = await client.dumpMemory();
  expect(filename).toMatch(/^memory_dump_\d{8}_\d{6}\.json$/);
  return new Response(body).text();
}

/** One call per documented endpoint; the client validates each answer against the contract schemas. */
const walks: Record<string, () => Promise<unknown>> = {
  "GET /api/v1/monitoring/memory": () => client.getMemory(),
  "GET /api/v1/monitoring/memory/top": () => client.getTopConsumers({ limit: 10 }),
  "GET /api/v1/monitoring/metrics": () => client.getMetrics(),
  "GET /api/v1/monitoring/metrics/memory": () => client.getMemoryHistory({ duration: "24h", interval: "5m" }),
  "GET /api/v1/monitoring/metrics/memory/trend": () => client.getMemoryTrend({ duration: "1h" }),
  "GET /api/v1/monitoring/operations": () => client.getOperations({ status: "running", duration_gt: 300 }),
  "GET /api/v1/monitoring/agents/memory": () => client.getAgentsMemory(),
  "GET /api/v1/monitoring/agents/lifecycle": () => client.getAgentsLifecycle(),
  "GET /api/v1/monitoring/websocket/stats": () => client.getWebsocketStats(),
  "POST /api/v1/monitoring/memory/dump": async () => memoryDumpSchema.parse(JSON.parse(await readDump())),
  "POST /api/v1/system/cache/cleanup": () => client.cleanupCache(),
  "POST /api/v1/system/agents/pool": () => client.resizeAgentPool({ max_size: 150 }),
  "POST /api/v1/system/gc": () => client.collectGarbage(),
  "POST /api/v1/system/agents/cleanup": () => client.cleanupAgents(),
  "GET /api/v1/system/config": () => client.getConfig(),
  "PUT /api/v1/system/config": () => client.updateConfig({ belief_size_limit_mb: 32 }),
  "POST /api/v1/system/agents/beliefs/compact": () => client.compactBeliefs(),
  "POST /api/v1/system/db/pool/reset": () => client.resetDbPool(),
  "GET /_control/state": async () => controlStateSchema.parse((await ctl("GET", "/_control/state")).body),
  "POST /_control/scenario": async () => controlStateSchema.parse((await ctl("POST", "/_control/scenario", { scenario: "leak", onset_ago: "3h" })).body),
  "POST /_control/speed": async () => controlStateSchema.parse((await ctl("POST", "/_control/speed", { speed: 60 })).body),
  "GET /_control/history": () => client.getHistory({ duration: "1h", step: "1m" }),
  "POST /_control/faults": async () => faultSchema.parse((await ctl("POST", "/_control/faults", { endpoint: "/api/v1/monitoring/memory", kind: "slow", delay_ms: 1 })).body),
  "GET /_control/faults": async () => z.object({ faults: z.array(faultSchema) }).parse((await ctl("GET", "/_control/faults")).body).faults,
  "DELETE /_control/faults": async () => {
    const { body } = await ctl("DELETE", "/_control/faults");
    expect(body).toEqual({ faults: [] });
    return body;
  },
  "POST /_control/redis/clean-expired": async () => redisCleanResponseSchema.parse((await ctl("POST", "/_control/redis/clean-expired")).body),
  "POST /_control/restart": async () => {
    const restart = await client.restart("rolling");
    await waitFor(async () => expect((await client.getMemory()).instance.id).not.toBe(restart.previous_instance_id), 2_000);
    return restart;
  },
};

describe("the simulator over HTTP", () => {
  it("serves the runbook's shapes from its own history", async () => {
    const top = await client.getTopConsumers({ limit: 10 });
    expect(top.consumers).toHaveLength(10);
    expect(top.consumers[0].name).toBe("agent_system.orphaned_agents");
    const agents = await client.getAgentsMemory();
    expect(agents.agents.length).toBe(agents.count);
    expect(agents.agents.some((agent) => agent.status === "orphaned")).toBe(true);
    const history = await client.getMemoryHistory({ duration: "24h", interval: "5m" });
    expect(history.metrics.length).toBeGreaterThanOrEqual(36);
    expect(history.metrics.length).toBeLessThanOrEqual(37);
    const raw = await client.getHistory({ duration: "1h", step: "15s" });
    const expected = simulateHistory({ endMs: T0, seed: 42, scenario: "leak", historyMs: 3 * HOUR, durationMs: HOUR });
    expect(raw.samples.map((s) => s.used_mb)).toEqual(expected.map((p) => Math.round(p.usedMb * 10) / 10));
    const lastBucket = history.metrics.at(-1)!;
    const inBucket = raw.samples.filter((s) => s.timestamp >= lastBucket.timestamp).map((s) => s.used_mb);
    expect(lastBucket.value).toBeCloseTo(inBucket.reduce((a, b) => a + b, 0) / inBucket.length, 0);
  });

  it("cache cleanup lowers used memory by the expired cache and no more", async () => {
    const before = await client.getMemory();
    const expired = before.components.cache.parts.expired_entries;
    expect(expired).toBeGreaterThan(0);
    const result = await client.cleanupCache();
    expect(result.used_before_mb).toBe(before.used_mb);
    expect(Math.abs(result.freed_mb - expired)).toBeLessThanOrEqual(0.1);
    const after = await client.getMemory();
    expect(Math.abs(before.used_mb - after.used_mb - expired)).toBeLessThanOrEqual(0.15);
    expect(after.components.cache.parts.live_entries).toBe(before.components.cache.parts.live_entries);
    expect(after.components.agent_system).toEqual(before.components.agent_system);
  });

  it("streams a heap dump of several megabytes that accounts for the process memory", async () => {
    const text = await readDump();
    expect(text.length).toBeGreaterThan(2_000_000);
    const dump = memoryDumpSchema.parse(JSON.parse(text));
    expect(dump.objects).toHaveLength(dump.object_count);
    const heapMb = dump.objects.reduce((total, object) => total + object.size_bytes, 0) / 1024 / 1024;
    expect(Math.abs(heapMb - (dump.summary.used_mb - dump.summary.components.redis))).toBeLessThan(0.2);
  });

  it("walks every endpoint of docs/target-api.md and validates each answer", async () => {
    const doc = readFileSync("docs/target-api.md", "utf8");
    const documented = [...doc.matchAll(/^### (GET|POST|PUT|DELETE) (\/\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect([...documented].sort()).toEqual(Object.keys(walks).sort());
    for (const endpoint of documented) await expect(walks[endpoint](), endpoint).resolves.toBeDefined();
  });
});
