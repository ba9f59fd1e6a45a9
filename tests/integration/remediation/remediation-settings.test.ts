import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { remediationSettingsInputSchema, saveRemediationSettings } from "@/lib/remediation/drivers/save-remediation-settings";
import { resolveDrivers } from "@/lib/remediation/drivers/resolve-drivers";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

afterAll(() => db.$disconnect());
const admin = { id: 1, email: "admin@test", role: "admin" };
const form = (fields: Record<string, string>) => remediationSettingsInputSchema.parse({ restartTimeoutSeconds: "60", ...fields });

describe("remediation settings", () => {
  it("saves a restart driver and a Redis URL, keeps the URL when left empty, and audits without the password", async () => {
    const target = await db.target.create({ data: { slug: "rs", name: "RS", baseUrl: "http://127.0.0.1:9" } });
    await saveRemediationSettings({ targetId: target.id, actor: admin, input: form({ restartDriver: "command", rollingCommand: "kubectl\nrollout\nrestart\ndeployment/api", emergencyCommand: "kubectl\ndelete\npod\n-l\napp=api", redisUrl: "redis://:s3cret@redis:6379/0" }) });
    let row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(resolveDrivers({ baseUrl: target.baseUrl, settings: row, demo: false })).toMatchObject({
      restart: { kind: "command", rolling: ["kubectl", "rollout", "restart", "deployment/api"], emergency: ["kubectl", "delete", "pod", "-l", "app=api"] },
      redis: { kind: "redis", url: "redis://:s3cret@redis:6379/0", pattern: "exp:*" },
      restartTimeoutMs: 60_000,
    });

    // No restart driver, Redis URL field left empty: restarts become unavailable, the URL stays.
    await saveRemediationSettings({ targetId: target.id, actor: admin, input: form({ restartDriver: "none", redisKeyPattern: "tmp:*" }) });
    row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(resolveDrivers({ baseUrl: target.baseUrl, settings: row, demo: false })).toMatchObject({ restart: null, redis: { url: "redis://:s3cret@redis:6379/0", pattern: "tmp:*" } });

    await saveRemediationSettings({ targetId: target.id, actor: admin, input: form({ restartDriver: "http", restartHookUrl: "http://hooks/restart", clearRedisUrl: "on" }) });
    row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ restartDriver: "http", restartHookUrl: "http://hooks/restart", redisUrl: null });

    const audited = await db.auditEvent.findMany({ where: { type: "target.changed", targetId: target.id } });
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited.map((a) => a.parameters))).not.toContain("s3cret");
    expect(JSON.stringify(audited[0].parameters)).toContain("****");
    expect((await verifyAuditChain({})).ok).toBe(true);
  });

  it("refuses an incomplete driver with a message naming what is missing", () => {
    expect(() => form({ restartDriver: "http" })).toThrow(/an HTTP restart needs the hook URL/);
    expect(() => form({ restartDriver: "command", rollingCommand: "kubectl" })).toThrow(/needs both commands/);
    expect(() => form({ restartDriver: "none", redisUrl: "http://not-redis" })).toThrow(/redis:\/\//);
  });
});
