import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanRedisKeys } from "@/lib/remediation/drivers/clean-redis-keys";
import { startRedisServer, type RedisServer } from "@/tests/support/redis-server";

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer({ tls: true, password: "admin-secret", users: [["cleaner", "on", ">cleaner-secret", "~exp:*", "+scan", "+unlink", "+info"]] });
});
afterAll(() => redis?.stop());

describe("rediss:// against a TLS-only redis-server", () => {
  it("refuses a certificate no trusted CA signed, before sending anything", async () => {
    redis.cli("SET", "exp:tls:untrusted", "x");
    await expect(cleanRedisKeys({ url: redis.url("cleaner:cleaner-secret"), pattern: "exp:*", batchSize: 100, timeoutMs: 3_000 })).rejects.toMatchObject({
      kind: "refused",
      message: expect.stringMatching(/^TLS with Redis at 127\.0\.0\.1:\d+ failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY) /),
    });
    expect(redis.cli("EXISTS", "exp:tls:untrusted")).toBe("1");
  });

  it("cleans over TLS with an ACL user once the CA is trusted through NODE_EXTRA_CA_CERTS", () => {
    redis.cli("FLUSHALL");
    redis.cli("EVAL", "for i=1,150 do redis.call('SET', 'exp:tls:'..i, 'x') end redis.call('SET', 'session:1', 'keep') return 1", "0");
    const child = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/clean-redis-keys-cli.ts", redis.url("cleaner:cleaner-secret"), "exp:*"], {
      encoding: "utf8",
      env: { ...process.env, NODE_EXTRA_CA_CERTS: redis.caFile! },
      timeout: 30_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ deleted: 150, batches: 2 });
    expect(redis.cli("DBSIZE")).toBe("1");
  });
});
