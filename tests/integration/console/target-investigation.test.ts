import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readTargetDbConnections } from "@/lib/investigation/read-target-db-connections";
import { readTargetRedisMemory } from "@/lib/investigation/read-target-redis-memory";
import { startRedisServer } from "@/tests/support/redis-server";

let redis: Awaited<ReturnType<typeof startRedisServer>>;

beforeAll(async () => {
  redis = await startRedisServer();
  redis.cli("SET", "exp:one", "x");
  // The test's own PostgreSQL and Redis play the target's: real servers behind both panels.
  const configured = await db.target.create({
    data: { slug: "configured", name: "Configured", baseUrl: "http://127.0.0.1:9", diagnosticsDatabaseUrl: process.env.DATABASE_URL! },
  });
  await db.remediationSettings.create({ data: { targetId: configured.id, restartDriver: "none", redisUrl: redis.url() } });
  await db.target.create({ data: { slug: "bare", name: "Bare", baseUrl: "http://127.0.0.1:9" } });
});
afterAll(async () => {
  await redis?.stop();
  await db.$disconnect();
});

const notFound = (promise: Promise<unknown>) => expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");

describe("a target's investigation panels, by slug", () => {
  it("reads the connections of the target's configured database", async () => {
    const result = await readTargetDbConnections({ slug: "configured" });
    if (!result.configured || !result.ok) throw new Error(`unexpected ${JSON.stringify(result)}`);
    expect(result.total).toBeGreaterThanOrEqual(1);
  });

  it("reads the memory of the Redis its remediation settings name", async () => {
    const result = await readTargetRedisMemory({ slug: "configured" });
    if (!result.configured || !result.ok) throw new Error(`unexpected ${JSON.stringify(result)}`);
    expect(result.totalKeys).toBe(1);
  });

  it("says so when nothing is configured, without connecting anywhere", async () => {
    expect(await readTargetDbConnections({ slug: "bare" })).toEqual({ configured: false });
    expect(await readTargetRedisMemory({ slug: "bare" })).toEqual({ configured: false });
  });

  it("refuses an unknown slug with NOT_FOUND", async () => {
    await notFound(readTargetDbConnections({ slug: "nope" }));
    await notFound(readTargetRedisMemory({ slug: "nope" }));
  });
});
