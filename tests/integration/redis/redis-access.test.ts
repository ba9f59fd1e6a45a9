import { spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRedisMemory } from "@/lib/investigation/read-redis-memory";
import { cleanRedisKeys } from "@/lib/remediation/drivers/clean-redis-keys";
import { startRedisServer, type RedisServer } from "@/tests/support/redis-server";

// Least privilege, as an operator would configure it: the cleanup may only SCAN, UNLINK exp:*
// keys and read INFO; the memory panel may only read.
const CLEANER = ["cleaner", "on", ">cleaner-secret", "~exp:*", "+scan", "+unlink", "+info"];
const READER = ["reader", "on", ">reader-secret", "~*", "+info", "+dbsize", "+scan", "+memory|usage"];

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer({ password: "admin-secret", users: [CLEANER, READER] });
});
afterAll(() => redis?.stop());

const fill = (prefix: string, count: number) => redis.cli("EVAL", `for i=1,${count} do redis.call('SET', '${prefix}'..i, 'x') end return 1`, "0");
const cleanup = (url: string, timeoutMs = 5_000) => cleanRedisKeys({ url, pattern: "exp:*", batchSize: 100, timeoutMs });

describe("Redis with ACL users", () => {
  it("cleans with a user allowed only SCAN, UNLINK and INFO on exp:*", async () => {
    redis.cli("FLUSHALL");
    fill("exp:acl:", 250);
    fill("session:", 20);
    const result = await cleanup(redis.url("cleaner:cleaner-secret"));
    expect(result).toMatchObject({ scanned: 250, deleted: 250, batches: 3 });
    expect(redis.cli("DBSIZE")).toBe("20");
  });

  it("reads the memory panel with a read-only user", async () => {
    redis.cli("FLUSHALL");
    fill("session:", 30);
    const result = await readRedisMemory({ url: redis.url("reader:reader-secret") });
    expect(result).toMatchObject({ ok: true, totalKeys: 30, keysSampled: 30 });
  });

  it("names a wrong password, and deletes nothing", async () => {
    redis.cli("FLUSHALL");
    fill("exp:keep:", 10);
    await expect(cleanup(redis.url("cleaner:wrong"))).rejects.toMatchObject({
      kind: "redis_error",
      message: expect.stringMatching(/^Redis at 127\.0\.0\.1:\d+ rejected the login \(check the user and password in the Redis URL\): WRONGPASS/),
    });
    await expect(cleanup(redis.url())).rejects.toMatchObject({ message: expect.stringMatching(/rejected the login .*NOAUTH/) });
    expect(redis.cli("DBSIZE")).toBe("10");
    const panel = await readRedisMemory({ url: redis.url("reader:wrong") });
    expect(panel).toMatchObject({ ok: false, error: expect.stringMatching(/WRONGPASS/) });
  });

  it("reports a command the user may not run in Redis's words", async () => {
    const panel = await readRedisMemory({ url: redis.url("cleaner:cleaner-secret") });
    expect(panel).toMatchObject({ ok: false, error: expect.stringMatching(/^Redis refused the command: NOPERM .*dbsize/) });
  });
});

describe("an unreachable Redis", () => {
  it("fails within the timeout, once, when the server accepts but never answers", async () => {
    let connections = 0;
    const silent = net.createServer((socket) => {
      connections += 1;
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      for (const url of [`redis://127.0.0.1:${port}/0`, `redis://cleaner:pw@127.0.0.1:${port}/0`, `rediss://127.0.0.1:${port}/0`]) {
        const started = Date.now();
        await expect(cleanup(url, 400)).rejects.toMatchObject({ kind: "timeout", message: `Redis at 127.0.0.1:${port} did not answer within 400 ms` });
        expect(Date.now() - started).toBeLessThan(1_500);
      }
      // Nothing reconnects in the background after giving up.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(connections).toBe(3);
    } finally {
      silent.close();
    }
  });

  it("fails at once when nothing listens, and names the host", async () => {
    const started = Date.now();
    await expect(cleanup("redis://127.0.0.1:1/0")).rejects.toMatchObject({ kind: "refused", message: "Could not reach Redis at 127.0.0.1:1: ECONNREFUSED" });
    await expect(cleanup("redis://no-such-host.invalid:6379/0")).rejects.toMatchObject({ kind: "refused", message: expect.stringMatching(/no-such-host\.invalid:6379: (ENOTFOUND|EAI_AGAIN)$/) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("a key pattern matching thousands of keys", () => {
  it("is cleaned by SCAN MATCH … COUNT and UNLINKs of at most batchSize keys, never KEYS", async () => {
    redis.cli("FLUSHALL");
    fill("exp:bulk:", 20_000);
    fill("session:", 5_000);
    redis.cli("CONFIG", "RESETSTAT");
    const monitor = spawn("redis-cli", ["-p", String(redis.port), "-a", "admin-secret", "--no-auth-warning", "MONITOR"]);
    let log = "";
    monitor.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const result = await cleanRedisKeys({ url: redis.url("cleaner:cleaner-secret"), pattern: "exp:*", batchSize: 500, timeoutMs: 5_000 });
    redis.cli("ECHO", "cleanup-done");
    for (let waited = 0; !log.includes("cleanup-done") && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.kill();

    expect(result).toMatchObject({ scanned: 20_000, deleted: 20_000, batches: 40 });
    expect(redis.cli("DBSIZE")).toBe("5000");
    const stats = redis.cli("INFO", "commandstats");
    expect(stats).toMatch(/cmdstat_unlink:calls=40,/);
    expect(stats).not.toMatch(/cmdstat_keys:/);
    const scans = log.split("\n").filter((line) => line.includes('"scan"'));
    expect(scans.length).toBeGreaterThan(40);
    for (const line of scans) expect(line).toMatch(/"scan" "\d+" "MATCH" "exp:\*" "COUNT" "500"/i);
    const unlinks = log.split("\n").filter((line) => line.includes('"unlink"'));
    expect(unlinks).toHaveLength(40);
    for (const line of unlinks) expect(line.match(/"exp:bulk:\d+"/g)).toHaveLength(500);
  });
});
