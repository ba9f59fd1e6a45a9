import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIngestToken, revokeIngestToken } from "@/lib/ingest/ingest-tokens";
import { getTargetSettings } from "@/lib/targets/get-target-settings";
import { insertUser } from "@/tests/support/user-fixtures";

afterAll(() => db.$disconnect());

describe("getTargetSettings", () => {
  it("returns null for an unknown slug", async () => {
    expect(await getTargetSettings({ slug: "nope" })).toBeNull();
  });

  it("shows a fresh target with the remediation defaults and no policy", async () => {
    await db.target.create({ data: { slug: "fresh", name: "Fresh", baseUrl: "http://127.0.0.1:9", memoryLimitMb: 2048 } });
    const settings = await getTargetSettings({ slug: "fresh" });
    expect(settings?.target).toMatchObject({ slug: "fresh", name: "Fresh", memoryLimitMb: 2048, maskedDiagnosticsDatabaseUrl: null });
    expect(settings?.remediation).toEqual({
      configured: false,
      restartDriver: "none",
      restartHookUrl: null,
      commandDriver: null,
      commandDrivers: [],
      commandDriversProblem: null,
      restartTimeoutSeconds: 120,
      maskedRedisUrl: null,
      redisKeyPattern: "exp:*",
    });
    expect(settings?.autoRemediation).toBeNull();
    expect(settings?.tokens).toEqual([]);
  });

  it("shows stored settings with the Redis password masked, the policy and the tokens as strings", async () => {
    const target = await db.target.create({ data: { slug: "set", name: "Set", baseUrl: "http://127.0.0.1:9" } });
    await db.remediationSettings.create({
      data: {
        targetId: target.id,
        restartDriver: "command",
        commandDriver: "kubectl-api",
        restartTimeoutSeconds: 60,
        redisUrl: "redis://cleaner:s3cret@10.0.0.5:6379/0",
        redisKeyPattern: "tmp:*",
      },
    });
    const lastRunAt = new Date("2026-11-30T08:00:00.000Z");
    await db.autoRemediationPolicy.create({ data: { targetId: target.id, enabled: true, threshold: 0.92, escalateTo: "none", lastRunAt, runState: "recovered" } });
    const admin = await insertUser("admin");
    const kept = await createIngestToken({ targetId: target.id, name: "pusher", actor: admin });
    const revoked = await createIngestToken({ targetId: target.id, name: "old", actor: admin });
    await revokeIngestToken({ id: revoked.id, targetId: target.id, actor: admin });

    const settings = (await getTargetSettings({ slug: "set" }))!;
    expect(settings.remediation).toMatchObject({
      configured: true,
      restartDriver: "command",
      commandDriver: "kubectl-api",
      restartTimeoutSeconds: 60,
      redisKeyPattern: "tmp:*",
    });
    expect(settings.remediation.maskedRedisUrl).toBe("redis://cleaner:****@10.0.0.5:6379/0");
    expect(JSON.stringify(settings)).not.toContain("s3cret");
    expect(settings.autoRemediation).toEqual({
      enabled: true,
      threshold: 0.92,
      recheckSeconds: 10,
      cooldownSeconds: 1800,
      escalateTo: "none",
      lastRunAt: lastRunAt.toISOString(),
      runState: "recovered",
    });
    const byName = Object.fromEntries(settings.tokens.map((t) => [t.name, t]));
    expect(byName.pusher).toMatchObject({ id: kept.id, tokenPrefix: kept.tokenPrefix, revokedAt: null, lastUsedAt: null });
    expect(typeof byName.old.revokedAt).toBe("string");
    expect(JSON.stringify(settings)).not.toContain(kept.token);
  });
});
