import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/ingest/route";
import { db } from "@/lib/db";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest/ingest-tokens";
import { MAX_SAMPLES } from "@/lib/ingest/parse-ingest-body";
import { closeDirectServer, SERIES_ENTRY_POINTS } from "@/tests/support/series-entry-points";
import { insertUser } from "@/tests/support/user-fixtures";

let targetId = 0;
// The admin who creates and revokes the tokens (both are audited under their name).
let admin: { id: number; email: string; role: string };
let token = "";
const now = Date.now();
const iso = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();

function push(body: string, contentType = "application/json", auth = `Bearer ${token}`) {
  return POST(new Request("http://test/api/v1/ingest", { method: "POST", body, headers: { "content-type": contentType, authorization: auth } }));
}
const count = () => db.metric.count({ where: { targetId } });

beforeAll(async () => {
  targetId = (await db.target.create({ data: { slug: "pushed", name: "Pushed", baseUrl: "http://127.0.0.1:1" } })).id;
  admin = await insertUser("admin");
  token = (await createIngestToken({ targetId, name: "ci", actor: admin })).token;
});
afterAll(async () => {
  await closeDirectServer();
  await db.$disconnect();
});

describe("POST /api/v1/ingest", () => {
  it("stores a JSON batch and is idempotent when the same batch is retried", async () => {
    const batch = JSON.stringify({
      samples: [
        { metric: "system.memory.used", timestamp: iso(30), value: 2048 },
        { metric: "system.memory.used", timestamp: iso(15), value: 2050.5 },
        { metric: "component.memory.used", labels: { component: "cache" }, timestamp: iso(15), value: 300 },
      ],
    });
    const first = await push(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, accepted: 3, stored: 3, duplicates: 0, ignored: 0 });
    const retry = await push(batch);
    expect(await retry.json()).toMatchObject({ accepted: 3, stored: 0, duplicates: 3 });
    expect(await count()).toBe(3);
    const stored = await db.metric.findFirst({ where: { targetId, labels: '{component="cache"}' } });
    expect(stored?.memoryUsedMb).toBe(300);
  });

  it("rejects a batch with bad samples, lists them, and stores none of it", async () => {
    const before = await count();
    const response = await push(JSON.stringify({
      samples: [
        { metric: "system.memory.used", timestamp: iso(5), value: 1 },
        { metric: "system.memory.used", timestamp: "yesterday", value: 1 },
        { metric: "bad name!", timestamp: iso(5), value: -3 },
      ],
    }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toBe("2 of 3 samples are invalid; nothing was stored.");
    expect(body.invalidSamples.map((s: { index: number }) => s.index)).toEqual([1, 2]);
    expect(body.invalidSamples[1].errors.join(" ")).toMatch(/metric: .*value: memory in MB cannot be negative/);
    expect(await count()).toBe(before);
  });

  it("refuses samples outside the accepted time window, all or nothing", async () => {
    const before = await count();
    const response = await push(JSON.stringify({ samples: [
      { metric: "system.memory.used", timestamp: iso(1), value: 1 },
      { metric: "system.memory.used", timestamp: iso(20 * 86_400), value: 1 },
    ] }));
    expect(response.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("answers 413 for too many samples or too large a body", async () => {
    const many = Array.from({ length: MAX_SAMPLES + 1 }, (_, i) => ({ metric: "m", timestamp: now - i, value: 1 }));
    expect((await push(JSON.stringify({ samples: many }))).status).toBe(413);
    expect((await push("x".repeat(1024 * 1024 + 1))).status).toBe(413);
  });

  it("accepts Prometheus text exposition, storing memory gauges in MB and ignoring the rest", async () => {
    const t = now - 2000;
    const text = [
      "# TYPE freeagentics_system_memory_usage_bytes gauge",
      `freeagentics_system_memory_usage_bytes 1073741824 ${t}`,
      "# TYPE freeagentics_agent_memory_usage_bytes gauge",
      `freeagentics_agent_memory_usage_bytes{agent_id="a-1"} 10485760 ${t}`,
      "# TYPE http_requests_total counter",
      `http_requests_total 12 ${t}`,
      "",
    ].join("\n");
    const response = await push(text, "text/plain; version=0.0.4");
    expect(await response.json()).toMatchObject({ accepted: 2, stored: 2, ignored: 1 });
    const agent = await db.metric.findFirst({ where: { targetId, metricName: "agent.memory.used" } });
    expect(agent).toMatchObject({ labels: '{agent_id="a-1"}', memoryUsedMb: 10 });
    const broken = await push("freeagentics_system_memory_usage_bytes {oops", "text/plain");
    expect(broken.status).toBe(400);
    expect((await broken.json()).message).toMatch(/^Invalid Prometheus text, line 1/);
  });

  it("refuses missing, unknown and revoked tokens, and unknown content types", async () => {
    expect((await push("{}", "application/json", "")).status).toBe(401);
    expect((await push("{}", "application/json", "Bearer hr_nope")).status).toBe(401);
    expect((await push("<xml/>", "application/xml")).status).toBe(415);
    const other = await createIngestToken({ targetId, name: "temp", actor: admin });
    await expect(revokeIngestToken({ id: other.id, targetId: targetId + 1000, actor: admin })).rejects.toThrow(/No active token/);
    await revokeIngestToken({ id: other.id, targetId, actor: admin });
    expect((await push("{}", "application/json", `Bearer ${other.token}`)).status).toBe(401);
    const stored = await db.ingestToken.findMany({ select: { tokenHash: true } });
    expect(stored.every((row) => row.tokenHash !== token && /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });
});

describe.each(SERIES_ENTRY_POINTS)("GET /api/v1/targets/:slug/memory with the target's token, through $name", (entry) => {
  it("returns the stored series and validates the query", async () => {
    const search = `?from=${now - 3_600_000}&to=${now}&points=100`;
    const response = await entry.read({ slug: "pushed", search, authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.source).toBe("raw");
    expect(body.points.map((p: { v: number }) => p.v)).toEqual([2048, 2050.5, 1024]);
    const bad = await entry.read({ slug: "pushed", search: "?points=1", authorization: `Bearer ${token}` });
    expect(bad.status).toBe(400);
  });

  it("answers in the same shape and with the same errors", async () => {
    const search = `?from=${now - 3_600_000}&to=${now}&points=2`;
    const body = await (await entry.read({ slug: "pushed", search, authorization: `Bearer ${token}` })).json();
    expect(Object.keys(body)).toEqual(["target", "source", "from", "to", "sourcePoints", "points"]);
    expect(body).toMatchObject({ target: { slug: "pushed", memoryLimitMb: 4096 }, sourcePoints: 3 });
    expect(body.points).toHaveLength(2);
    expect(body.points[0]).toEqual({ t: expect.any(Number), v: 2048 });
    const unknown = await entry.read({ slug: "nope", search, authorization: `Bearer ${token}` });
    // The same answer as for a target the token is not for: names cannot be probed.
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: "UNAUTHENTICATED", message: "Sign in, or send this target's API token." }]);
    const other = await db.target.create({ data: { slug: `other-${entry.name.length}`, name: "Other", baseUrl: "http://127.0.0.1:1" } });
    const wrong = await entry.read({ slug: other.slug, search, authorization: `Bearer ${token}` });
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: "UNAUTHENTICATED", message: "Sign in, or send this target's API token." }]);
    const bad = await entry.read({ slug: "pushed", search, authorization: "Bearer hr_nope" });
    expect([bad.status, (await bad.json()).error]).toEqual([401, "UNAUTHENTICATED"]);
  });
});

describe("the web server's direct path", () => {
  const direct = SERIES_ENTRY_POINTS[1];

  it("carries the security headers proxy.ts gives every response", async () => {
    const response = await direct.read({ slug: "pushed", search: `?from=${now - 60_000}&to=${now}`, authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
  });

  it("takes only series reads with a bearer token: a browser session goes through Next", async () => {
    expect((await direct.read({ slug: "pushed", search: "" })).status).toBe(404);
    expect((await direct.read({ slug: "pushed", search: "", authorization: "Basic eDp5" })).status).toBe(404);
  });

  it("sees a revoked token refused within the token cache's bound", async () => {
    const temp = await createIngestToken({ targetId, name: "cached", actor: admin });
    const search = `?from=${now - 60_000}&to=${now}`;
    expect((await direct.read({ slug: "pushed", search, authorization: `Bearer ${temp.token}` })).status).toBe(200);
    // Revoked in this process: its cache forgets at once (another process's within TOKEN_CACHE_MS).
    await revokeIngestToken({ id: temp.id, targetId, actor: admin });
    expect((await direct.read({ slug: "pushed", search, authorization: `Bearer ${temp.token}` })).status).toBe(401);
  });
});
