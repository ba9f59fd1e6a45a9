import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyPattern, readRedisMemory } from "@/lib/investigation/read-redis-memory";
import { startRedisServer } from "@/tests/support/redis-server";

let redis: Awaited<ReturnType<typeof startRedisServer>>;

beforeAll(async () => {
  redis = await startRedisServer();
  // 300 small session keys, 40 larger cache entries, and one big blob.
  const script = [
    "for i=1,300 do redis.call('SET', 'session:' .. i, string.rep('s', 50)) end",
    "for i=1,40 do redis.call('SET', 'exp:cache:' .. i, string.rep('c', 2000)) end",
    "redis.call('SET', 'blob', string.rep('b', 100000))",
    "return 1",
  ].join(" ");
  redis.cli("EVAL", script, "0");
});
afterAll(() => redis?.stop());

describe("readRedisMemory against a real redis-server", () => {
  it("reports INFO memory, the biggest keys and the patterns holding the memory", async () => {
    const result = await readRedisMemory({ url: redis.url() });
    if (!result.ok) throw new Error(result.error);
    expect(result.totalKeys).toBe(341);
    expect(result.keysSampled).toBe(341);
    expect(result.usedMemoryBytes).toBeGreaterThan(100_000);
    expect(result.biggestKeys[0].key).toBe("blob");
    expect(result.biggestKeys[0].bytes).toBeGreaterThan(100_000);
    const byPattern = Object.fromEntries(result.patterns.map((p) => [p.pattern, p]));
    expect(byPattern["exp:*"].keys).toBe(40);
    expect(byPattern["session:*"].keys).toBe(300);
    expect(byPattern["exp:*"].bytes).toBeGreaterThan(byPattern["session:*"].bytes);
  });

  it("samples at most the limit with SCAN", async () => {
    const result = await readRedisMemory({ url: redis.url(), sampleLimit: 100 });
    expect(result.ok && result.keysSampled).toBe(100);
  });

  it("reports an unreachable Redis as an error", async () => {
    const result = await readRedisMemory({ url: "redis://127.0.0.1:1/0", timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false });
  });

  it("groups keys by their prefix", () => {
    expect(keyPattern("exp:session:42")).toBe("exp:*");
    expect(keyPattern("agent.beliefs.7")).toBe("agent.*");
    expect(keyPattern("plain")).toBe("plain");
  });
});
