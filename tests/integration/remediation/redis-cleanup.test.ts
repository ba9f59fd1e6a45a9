import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveAction, runRemediation } from "@/tests/support/run-in-worker";
import type { TargetServer } from "@/simulator/server";
import { asActor, createSimulatedTarget, createUsers, newKey, testContext } from "@/tests/support/remediation-fixtures";
import { startRedisServer } from "@/tests/support/redis-server";

let users: Awaited<ReturnType<typeof createUsers>>;
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let server: TargetServer;
let target: { id: number; slug: string };

beforeAll(async () => {
  users = await createUsers();
  redis = await startRedisServer();
  const created = await createSimulatedTarget({ scenario: "redis-bloat" });
  server = created.server;
  target = created.target;
  await db.remediationSettings.update({ where: { targetId: target.id }, data: { redisUrl: redis.url() } });
});
afterAll(async () => {
  await redis?.stop();
  await server?.close();
  await db.$disconnect();
});

async function cleanup(batchSize: number) {
  const requested = await runRemediation({
    actor: asActor(users.responder),
    input: { targetSlug: target.slug, actionId: "redis-expired-cleanup", params: { batch_size: batchSize }, idempotencyKey: newKey(), confirmation: target.slug },
    context: testContext(),
  });
  if (!requested.ok) throw new Error(requested.message);
  return approveAction({ actor: asActor(users.lead), input: { remediationId: requested.action.id }, context: testContext() });
}

describe("Redis expired-key cleanup against a real redis-server", () => {
  it("unlinks exactly the exp:* keys, in SCAN batches, without KEYS", async () => {
    // 1,200 exp:* keys without a TTL (the bloat), 300 with one, 250 other keys that must stay.
    redis.cli("EVAL", "for i=1,1200 do redis.call('SET', 'exp:bloat:'..i, string.rep('x', 512)) end return 1", "0");
    redis.cli("EVAL", "for i=1,300 do redis.call('SET', 'exp:ttl:'..i, 'x', 'EX', 3600) end return 1", "0");
    redis.cli("EVAL", "for i=1,250 do redis.call('SET', 'session:'..i, 'keep') end return 1", "0");
    redis.cli("SET", "exp", "no colon: not matched");
    redis.cli("CONFIG", "RESETSTAT");

    const outcome = await cleanup(100);
    expect(outcome.ok && outcome.action).toMatchObject({ state: "succeeded" });
    expect(redis.cli("DBSIZE")).toBe("251");
    expect(redis.cli("EXISTS", "exp")).toBe("1");
    expect(redis.cli("GET", "session:17")).toBe("keep");

    const stats = redis.cli("INFO", "commandstats");
    expect(stats).toMatch(/cmdstat_scan:calls=\d+/);
    expect(stats).toMatch(/cmdstat_unlink:calls=\d+/);
    expect(stats).not.toMatch(/cmdstat_keys:/);
    expect(stats).not.toMatch(/cmdstat_del:/);
    const unlinkCalls = Number(/cmdstat_unlink:calls=(\d+)/.exec(stats)![1]);
    expect(unlinkCalls).toBeGreaterThanOrEqual(1500 / 100 / 2); // batches, not one giant call

    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.ok ? outcome.action.id : -1 } });
    expect(row.result).toMatchObject({ details: { deleted: 1500, pattern: "exp:*" } });
    expect((row.result as { summary: string }).summary).toMatch(/^1,500 keys matching exp:\* unlinked in \d+ batches; Redis used memory/);
  });

  it("fails in plain words when Redis is unreachable", async () => {
    await redis.stop();
    const outcome = await cleanup(500);
    expect(outcome.ok && outcome.action).toMatchObject({ state: "failed", errorKind: "refused", error: expect.stringMatching(/^Could not reach Redis at 127\.0\.0\.1:\d+: ECONNREFUSED/) });
  });
});
