import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { changeRoleAction } from "@/app/(console)/admin/users/actions";
import { requestRemediation } from "@/app/(console)/targets/[slug]/actions";
import { createSilenceAction, endSilenceAction, saveChannelAction, updateRulesAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { createTokenAction, revokeTokenAction, updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { auditRowsAfter, dumpUsersAndAudit, insertUser, lastAuditId } from "@/tests/support/user-fixtures";
import { form, rulesForm } from "@/tests/support/action-forms";

let admin: { id: number; email: string; role: string };
let target: { id: number; slug: string };

// The audit insert of the listed event types fails in the database itself, as a full disk or a
// lost connection would make it fail: the change it records must then not be there either.
beforeAll(async () => {
  await db.$executeRawUnsafe("CREATE TABLE test_failing_audit_types (type TEXT PRIMARY KEY)");
  await db.$executeRawUnsafe(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_failing_audit_types WHERE type = NEW.type) THEN
        RAISE EXCEPTION 'audit insert refused by the test (%)', NEW.type;
      END IF;
      RETURN NEW;
    END $$`);
  await db.$executeRawUnsafe("CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_fail_audit()");
  admin = await insertUser("admin");
  target = await db.target.create({ data: { slug: "audited-target", name: "Audited", baseUrl: "http://127.0.0.1:9" }, select: { id: true, slug: true } });
});
afterEach(async () => {
  await db.$executeRawUnsafe("DELETE FROM test_failing_audit_types");
  vi.restoreAllMocks();
});
afterAll(() => db.$disconnect());

async function failAuditOf(type: string) {
  await db.$executeRaw`INSERT INTO test_failing_audit_types (type) VALUES (${type})`;
  return vi.spyOn(console, "error").mockImplementation(() => undefined);
}

type Change = {
  name: string;
  type: string;
  /** The change, made through its server action. */
  act: () => Promise<{ ok: boolean }>;
  /** What the database holds of the change: differs before and after a successful one. */
  state: () => Promise<unknown>;
};

let silenceId = 0;
let tokenId = 0;
const changes: Change[] = [
  {
    name: "a silence",
    type: "silence.created",
    act: () => createSilenceAction(null, form({ slug: target.slug, durationMinutes: "30", comment: "deploying" })),
    state: async () => (silenceId = (await db.silence.findFirst({ where: { targetId: target.id, endedAt: null }, select: { id: true } }))?.id ?? 0),
  },
  {
    name: "ending the silence",
    type: "silence.ended",
    act: () => endSilenceAction(null, form({ slug: target.slug, silenceId: String(silenceId) })),
    state: () => db.silence.count({ where: { targetId: target.id, endedAt: { not: null } } }),
  },
  {
    name: "a webhook",
    type: "webhook.changed",
    act: () => saveChannelAction(null, form({ slug: target.slug, name: "Slack", url: "https://hooks.slack.com/services/T1/B2/s3cr3tpath", repeatMinutes: "240", event_firing: "on" })),
    state: () => db.notificationChannel.findFirst({ where: { targetId: target.id }, select: { url: true } }),
  },
  {
    name: "an ingest token",
    type: "token.created",
    act: () => createTokenAction(null, form({ slug: target.slug, name: "ci" })),
    state: async () => (tokenId = (await db.ingestToken.findFirst({ where: { targetId: target.id }, select: { id: true } }))?.id ?? 0),
  },
  {
    name: "revoking the token",
    type: "token.revoked",
    act: () => revokeTokenAction(null, form({ slug: target.slug, tokenId: String(tokenId) })),
    state: () => db.ingestToken.count({ where: { targetId: target.id, revokedAt: { not: null } } }),
  },
  {
    name: "thresholds",
    type: "threshold.changed",
    act: async () => updateRulesAction(null, rulesForm(target.slug, (await db.alertRuleVersion.count({ where: { targetId: target.id } })))),
    state: () => db.alertRuleVersion.count({ where: { targetId: target.id } }),
  },
  {
    name: "target settings",
    type: "target.changed",
    act: () => updateTargetAction(null, form({ slug: target.slug, name: "Audited, renamed", kind: "runbook-api", url: "http://127.0.0.1:9", memory_limit_mb: "2048", scrape_interval_seconds: "15" })),
    state: () => db.target.findUniqueOrThrow({ where: { id: target.id }, select: { name: true, memoryLimitMb: true } }),
  },
  {
    name: "a user's role",
    type: "user.changed",
    act: async () => changeRoleAction(null, form({ userId: String((await userToChange()).id), role: "lead" })),
    state: async () => (await userToChange()).role,
  },
];

let changed: { id: number; role: string } | null = null;
const userToChange = async () => (changed = await db.user.findUniqueOrThrow({ where: { id: (changed ??= await insertUser("viewer")).id }, select: { id: true, role: true } }));

describe("a change and its audit row commit together", () => {
  it.each(changes)("$name: nothing changes when its audit row cannot be written, then both are written", async (change) => {
    signInAs(admin);
    const unchanged = await change.state();
    const before = await lastAuditId();
    const logged = await failAuditOf(change.type);
    const failed = await change.act();
    expect(failed).toEqual({ ok: false, code: "UNAVAILABLE", message: "The console could not record this attempt, so it did nothing. Try again in a moment." });
    expect(await change.state()).toEqual(unchanged);
    expect(await auditRowsAfter(before)).toEqual([]);
    // The detail goes to the server log, never to the form.
    expect(logged.mock.calls.flat().join(" ")).toMatch(/audit insert refused by the test/);
    await db.$executeRawUnsafe("DELETE FROM test_failing_audit_types");

    expect(await change.act()).toMatchObject({ ok: true });
    expect(await change.state()).not.toEqual(unchanged);
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorId, r.ip])).toEqual([[change.type, "ok", admin.id, "203.0.113.7"]]);
  });

  it("records the webhook and the token without their secrets", async () => {
    const webhook = await db.auditEvent.findFirstOrThrow({ where: { type: "webhook.changed", outcome: "ok" } });
    expect(webhook.parameters).toEqual({ old: null, new: "https://hooks.slack.com/****" });
    const token = await db.auditEvent.findFirstOrThrow({ where: { type: "token.created", outcome: "ok" } });
    expect(token).toMatchObject({ targetId: target.id, targetSlug: target.slug, data: { tokenId, name: "ci" } });
    const dump = await dumpUsersAndAudit();
    expect(dump).not.toContain("s3cr3tpath");
    const { tokenHash } = await db.ingestToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(dump).not.toContain(tokenHash);
  });

  it("a remediation request that cannot be recorded is not made, and the failure is audited as a refusal", async () => {
    const responder = await insertUser("responder");
    signInAs(responder);
    const logged = await failAuditOf("remediation.requested");
    const before = await lastAuditId();
    const outcome = await requestRemediation({ targetSlug: target.slug, actionId: "db-pool-reset", idempotencyKey: "audited-changes-0001", confirmation: target.slug });
    expect(outcome).toEqual({ ok: false, code: "INTERNAL", message: "Something went wrong on the server (it is logged)." });
    expect(await db.remediationAction.count({ where: { targetId: target.id } })).toBe(0);
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorId, r.targetId, r.actionId])).toEqual([["remediation.refused", "error", responder.id, target.id, "db-pool-reset"]]);
    expect(logged).toHaveBeenCalled();
  });

  it("leaves a chain that verifies", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
