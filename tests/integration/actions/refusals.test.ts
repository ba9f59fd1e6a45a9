import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

// As in users/user-actions.test.ts: only the session cookie and the request are stood in for.
vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { changeRoleAction, resetPasswordAction } from "@/app/(console)/admin/users/actions";
import { approveRemediation, rejectRemediation } from "@/app/(console)/approvals/actions";
import { requestRemediation } from "@/app/(console)/targets/[slug]/actions";
import { createSilenceAction, endSilenceAction, saveChannelAction, updateRulesAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { createTokenAction, revokeTokenAction, saveRemediationSettingsAction, updateTargetAction } from "@/app/(console)/targets/[slug]/settings/actions";
import { saveAutoRemediationPolicyAction } from "@/app/(console)/targets/[slug]/settings/auto-remediation-actions";
import { createTargetAction, deleteTargetAction, testConnectionAction } from "@/app/(console)/targets/actions";
import { auditRowsAfter, dumpUsersAndAudit, insertUser, lastAuditId } from "@/tests/support/user-fixtures";
import { form, rulesForm } from "@/tests/support/action-forms";

type Who = "anonymous" | "viewer" | "lead" | "admin";
let users: Record<Exclude<Who, "anonymous">, { id: number; email: string; role: string }>;
let target: { id: number; slug: string };

beforeAll(async () => {
  users = { viewer: await insertUser("viewer"), lead: await insertUser("lead"), admin: await insertUser("admin") };
  target = await db.target.create({ data: { slug: "chain-target", name: "Chain", baseUrl: "http://127.0.0.1:9" }, select: { id: true, slug: true } });
});
afterAll(() => db.$disconnect());

const SLACK_SECRET = "T000/B000/XXXXsecretXXXX";
const DB_PASSWORD = "pg-s3cret-pass";

type Case = {
  name: string;
  who: Who;
  call: () => Promise<{ ok: boolean; code?: string; message?: string }>;
  expected: { type: string; outcome: string; code: string };
  /** The target the audit row names: known (loaded), by slug only (refused before loading), or none. */
  target: "loaded" | "slug" | "unknown-slug" | null;
  secret?: string;
  parameters?: Record<string, unknown> | string;
};

const cases: Case[] = [
  {
    name: "remediation request without a session",
    who: "anonymous",
    call: () => requestRemediation({ targetSlug: target.slug, actionId: "cache-cleanup", idempotencyKey: "k".repeat(20) }),
    expected: { type: "remediation.refused", outcome: "unauthenticated", code: "UNAUTHENTICATED" },
    target: "slug",
  },
  {
    name: "remediation request on an unknown target",
    who: "lead",
    call: () => requestRemediation({ targetSlug: "no-such-target", actionId: "cache-cleanup", idempotencyKey: "k".repeat(20) }),
    expected: { type: "remediation.refused", outcome: "not_found", code: "NOT_FOUND" },
    target: "unknown-slug",
  },
  {
    name: "approval by a viewer",
    who: "viewer",
    call: () => approveRemediation({ remediationId: 1 }),
    expected: { type: "remediation.decision_refused", outcome: "denied", code: "FORBIDDEN" },
    target: null,
    parameters: { remediationId: 1 },
  },
  {
    name: "rejection of a request that does not exist",
    who: "lead",
    call: () => rejectRemediation({ remediationId: 999_999 }),
    expected: { type: "remediation.decision_refused", outcome: "not_found", code: "NOT_FOUND" },
    target: null,
  },
  {
    name: "password reset without a session",
    who: "anonymous",
    call: () => resetPasswordAction(null, form({ userId: "1", password: "a secret password 1234" })),
    expected: { type: "user.changed", outcome: "unauthenticated", code: "UNAUTHENTICATED" },
    target: null,
    secret: "a secret password 1234",
    parameters: { userId: "1", password: "(not recorded)" },
  },
  {
    name: "role change of a user who does not exist",
    who: "admin",
    call: () => changeRoleAction(null, form({ userId: "999999", role: "lead" })),
    expected: { type: "user.changed", outcome: "not_found", code: "NOT_FOUND" },
    target: null,
  },
  {
    name: "threshold change by a lead",
    who: "lead",
    call: () => updateRulesAction(null, rulesForm(target.slug, 0)),
    expected: { type: "threshold.changed", outcome: "denied", code: "FORBIDDEN" },
    target: "slug",
  },
  {
    name: "silence without a comment",
    who: "lead",
    call: () => createSilenceAction(null, form({ slug: target.slug, durationMinutes: "30", comment: " " })),
    expected: { type: "silence.created", outcome: "invalid", code: "INVALID_INPUT" },
    target: "slug",
  },
  {
    name: "ending a silence that is not running",
    who: "lead",
    call: () => endSilenceAction(null, form({ slug: target.slug, silenceId: "424242" })),
    expected: { type: "silence.ended", outcome: "not_found", code: "NOT_FOUND" },
    target: "loaded",
  },
  {
    name: "webhook change by a lead, URL path masked",
    who: "lead",
    call: () => saveChannelAction(null, form({ slug: target.slug, name: "Slack", url: `https://hooks.slack.com/services/${SLACK_SECRET}`, repeatMinutes: "240", event_firing: "on" })),
    expected: { type: "webhook.changed", outcome: "denied", code: "FORBIDDEN" },
    target: "slug",
    secret: SLACK_SECRET,
    parameters: { slug: "chain-target", name: "Slack", url: "https://hooks.slack.com/****", repeatMinutes: "240", event_firing: "on" },
  },
  {
    name: "token for an unknown target",
    who: "admin",
    call: () => createTokenAction(null, form({ slug: "no-such-target", name: "ci" })),
    expected: { type: "token.created", outcome: "not_found", code: "NOT_FOUND" },
    target: "unknown-slug",
  },
  {
    name: "token revoked by a viewer",
    who: "viewer",
    call: () => revokeTokenAction(null, form({ slug: target.slug, tokenId: "1" })),
    expected: { type: "token.revoked", outcome: "denied", code: "FORBIDDEN" },
    target: "slug",
  },
  {
    name: "target settings without a session, database password masked",
    who: "anonymous",
    call: () =>
      updateTargetAction(null, form({ slug: target.slug, name: "X", kind: "runbook-api", url: "http://127.0.0.1:9", memory_limit_mb: "2048", scrape_interval_seconds: "15", diagnostics_database_url: `postgresql://ro:${DB_PASSWORD}@db:5432/app` })),
    expected: { type: "target.changed", outcome: "unauthenticated", code: "UNAUTHENTICATED" },
    target: "slug",
    secret: DB_PASSWORD,
  },
  {
    name: "remediation settings with a bad restart timeout",
    who: "admin",
    call: () => saveRemediationSettingsAction(null, form({ slug: target.slug, restartDriver: "none", restartTimeoutSeconds: "1", redisUrl: "redis://:redis-pw-9@cache:6379" })),
    expected: { type: "target.changed", outcome: "invalid", code: "INVALID_INPUT" },
    target: "slug",
    secret: "redis-pw-9",
  },
  {
    name: "a service added by a viewer",
    who: "viewer",
    call: () => createTargetAction(null, form({ slug: "viewer-made", name: "V", kind: "prometheus", url: "http://127.0.0.1:9100/metrics", preset: "node-exporter", scrape_interval_seconds: "15", enabled: "on" })),
    expected: { type: "target.created", outcome: "denied", code: "FORBIDDEN" },
    target: null,
  },
  {
    name: "a connection test by a viewer (the server would call a URL they typed)",
    who: "viewer",
    call: () => testConnectionAction(null, form({ name: "V", kind: "prometheus", url: "http://169.254.169.254/metrics", preset: "process", memory_limit_mb: "512" })),
    expected: { type: "target.tested", outcome: "denied", code: "FORBIDDEN" },
    target: null,
  },
  {
    name: "a target deleted by a lead",
    who: "lead",
    call: () => deleteTargetAction(null, form({ slug: target.slug, confirmation: target.slug })),
    expected: { type: "target.deleted", outcome: "denied", code: "FORBIDDEN" },
    target: "slug",
  },
  {
    name: "auto-remediation policy by a viewer",
    who: "viewer",
    call: () => saveAutoRemediationPolicyAction(null, form({ slug: target.slug, enabled: "on", thresholdPercent: "90", recheckSeconds: "30", cooldownSeconds: "600", escalateTo: "none" })),
    expected: { type: "target.changed", outcome: "denied", code: "FORBIDDEN" },
    target: "slug",
  },
];

describe("every server action audits its refusals the same way", () => {
  it.each(cases)("$name", async (c) => {
    signInAs(c.who === "anonymous" ? null : users[c.who]);
    const before = await lastAuditId();
    const result = await c.call();
    expect(result).toMatchObject({ ok: false, code: c.expected.code });
    const rows = await auditRowsAfter(before);
    expect(rows).toHaveLength(1);
    const actor = c.who === "anonymous" ? { actorKind: "anonymous", actorId: null } : { actorKind: "user", actorId: users[c.who].id, actorRole: c.who };
    expect(rows[0]).toMatchObject({ type: c.expected.type, outcome: c.expected.outcome, error: result.message, ...actor });
    expect(rows[0]).toMatchObject({ ip: "203.0.113.7", userAgent: "integration-browser/1.0", requestId: "req-matrix-1" });
    const named = { loaded: { targetId: target.id, targetSlug: target.slug }, slug: { targetId: null, targetSlug: target.slug }, "unknown-slug": { targetId: null, targetSlug: "no-such-target" } };
    expect(rows[0]).toMatchObject(c.target === null ? { targetId: null, targetSlug: null } : named[c.target]);
    if (c.parameters) expect(rows[0].parameters).toEqual(c.parameters);
    if (c.secret) expect(await dumpUsersAndAudit()).not.toContain(c.secret);
  });

  it("masks a URL's password in what it records", async () => {
    const [row] = await db.auditEvent.findMany({ where: { type: "target.changed", outcome: "unauthenticated" } });
    expect((row.parameters as Record<string, string>).diagnostics_database_url).toBe("postgresql://ro:****@db:5432/app");
  });
});
