import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.HEADROOM_OUTBOUND_ALLOWLIST = "10.0.0.0/8, hooks.internal, *.svc.cluster.local";
});

import { db } from "@/lib/db";
import { sendWebhook } from "@/lib/notifications/send-webhook";
import { saveNotificationChannel } from "@/lib/notifications/save-notification-channel";
import { remediationSettingsInputSchema, saveRemediationSettings } from "@/lib/remediation/drivers/save-remediation-settings";
import { createTargetClient, TargetApiError } from "@/lib/target-api/client";
import { updateTarget } from "@/lib/targets/save-target";
import { createTarget } from "@/lib/targets/create-target";
import { editTargetFormSchema, newTargetFormSchema } from "@/lib/targets/target-form-input";
import { startTargetServer, type TargetServer } from "@/simulator/server";
import { startTestWebhookReceiver, type TestWebhookReceiver } from "@/tests/support/test-webhook-receiver";
import { insertUser } from "@/tests/support/user-fixtures";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyTargetsFile } from "@/lib/provisioning/apply-targets-file";

let simulator: TargetServer;
let receiver: TestWebhookReceiver;
let admin: Awaited<ReturnType<typeof insertUser>>;
let targetId = 0;

beforeAll(async () => {
  simulator = await startTargetServer({ port: 0, scenario: "steady", seed: 7, historyMs: 60_000 });
  receiver = await startTestWebhookReceiver();
  admin = await insertUser("admin");
  targetId = (await db.target.create({ data: { slug: "allow", name: "Allow", baseUrl: "http://10.0.0.5:8000" } })).id;
});
afterAll(async () => {
  delete process.env.HEADROOM_OUTBOUND_ALLOWLIST;
  await simulator.close();
  await receiver.close();
  await db.$disconnect();
});

const fields = (url: string) => ({ slug: "allow", name: "Allow", kind: "runbook-api", url, memory_limit_mb: "4096", scrape_interval_seconds: "15", enabled: "on" });
const targetInput = (url: string) => editTargetFormSchema.parse({ ...fields(url), diagnostics_database_url: "" }).definition;
const hookInput = (url: string) => remediationSettingsInputSchema.parse({ restartDriver: "http", restartHookUrl: url });

describe("with HEADROOM_OUTBOUND_ALLOWLIST set", () => {
  it("refuses target URLs, restart hooks and webhooks outside it at save time, naming the field; inside it they save", async () => {
    const refusals: [Promise<unknown>, string][] = [
      [updateTarget({ targetId, definition: targetInput("http://127.0.0.1:9"), actor: admin }), "url"],
      [createTarget({ definition: newTargetFormSchema.parse({ ...fields("http://127.0.0.1:9"), slug: "allow-new" }), actor: admin }), "url"],
      [saveRemediationSettings({ targetId, input: hookInput("http://169.254.169.254/latest"), actor: admin }), "restartHookUrl"],
      [saveNotificationChannel({ targetId, channel: { name: "hook", url: "http://localhost:1/hook", events: ["firing"] }, actor: admin }), "url"],
    ];
    for (const [attempt, field] of refusals) {
      await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { [field]: expect.stringMatching(/outside HEADROOM_OUTBOUND_ALLOWLIST/) } } });
    }
    expect(await db.target.findUniqueOrThrow({ where: { id: targetId } })).toMatchObject({ baseUrl: "http://10.0.0.5:8000" });
    expect(await db.target.count({ where: { slug: "allow-new" } })).toBe(0);
    expect(await db.remediationSettings.count({ where: { targetId } })).toBe(0);
    expect(await db.notificationChannel.count({ where: { targetId } })).toBe(0);

    await updateTarget({ targetId, definition: targetInput("http://10.20.30.40:8000"), actor: admin });
    await saveRemediationSettings({ targetId, input: hookInput("http://hooks.internal/restart"), actor: admin });
    await saveNotificationChannel({ targetId, channel: { name: "hook", url: "http://alerts.monitoring.svc.cluster.local/hook", events: ["firing"] }, actor: admin });
    expect(await db.remediationSettings.count({ where: { targetId } })).toBe(1);
  });

  it("refuses at call time too: the target client and webhook delivery never connect outside it", async () => {
    const client = createTargetClient({ baseUrl: simulator.url, timeoutMs: 2_000 });
    const error = await client.getMemory().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetApiError);
    expect(error).toMatchObject({ kind: "refused", message: expect.stringMatching(/^Not called: 127\.0\.0\.1 is outside HEADROOM_OUTBOUND_ALLOWLIST/) });
    const sent = await sendWebhook({ url: receiver.url, payload: { text: "hi" }, timeoutMs: 2_000, now: Date.now() });
    expect(sent).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/^not sent: 127\.0\.0\.1 is outside/) });
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a provisioning file with a target outside it, naming the entry, and keeps the targets as they are", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "headroom-allow-"));
    const file = path.join(dir, "targets.yaml");
    await writeFile(file, 'targets:\n  - { slug: inside, name: Inside, kind: prometheus, url: "http://10.1.2.3:9100/metrics", preset: node-exporter }\n  - { slug: outside, name: Outside, kind: prometheus, url: "http://192.168.7.7:9100/metrics", preset: node-exporter }\n');
    const outcome = await applyTargetsFile({ filePath: file });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors).toEqual([expect.stringMatching(/^targets\.yaml, targets\[1\]\.url \(outside\): .+/)]);
    expect(await db.target.count({ where: { slug: { in: ["inside", "outside"] } } })).toBe(0);
    await writeFile(file, 'targets:\n  - { slug: inside, name: Inside, kind: prometheus, url: "http://10.1.2.3:9100/metrics", preset: node-exporter }\n');
    expect((await applyTargetsFile({ filePath: file })).ok).toBe(true);
    expect(await db.target.count({ where: { slug: "inside" } })).toBe(1);
  });
});
