import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { provisionOidcUser } from "@/lib/auth/provision-oidc-user";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { seedDemo } from "@/supervisor/seed-demo";

const meta = { ip: "198.51.100.9", userAgent: "sign-in-test", requestId: "req-signin" };
const ISSUER = "https://idp.example.test";

beforeAll(async () => {
  await seedDemo({ db, password: "correct horse", targets: [], inboxUrl: "http://127.0.0.1:1/hooks/slack" });
});
afterAll(() => db.$disconnect());

type CredentialsOptions = { authorize: (credentials: unknown, req: unknown) => Promise<unknown> };
const credentials = () => (authOptions({ meta }).providers[0] as unknown as { options: CredentialsOptions }).options;

describe("sign-ins are audited", () => {
  it("records a failed password sign-in with the email tried, never the password", async () => {
    expect(await credentials().authorize({ email: "Lead@Headroom.local", password: "hunter2" }, { headers: {} })).toBeNull();
    const row = await db.auditEvent.findFirstOrThrow({ where: { type: "auth.sign_in_failed" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "failed", actorKind: "anonymous", actorLabel: "lead@headroom.local", ip: "198.51.100.9", data: { provider: "credentials" } });
    expect(JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value))).not.toContain("hunter2");
  });

  it("records a successful sign-in through the signIn event", async () => {
    const user = await credentials().authorize({ email: "lead@headroom.local", password: "correct horse" }, { headers: {} });
    expect(user).toMatchObject({ email: "lead@headroom.local", role: "lead" });
    await authOptions({ meta }).events!.signIn!({ user: user as never, account: { provider: "credentials", type: "credentials", providerAccountId: "x" }, profile: undefined, isNewUser: false });
    const row = await db.auditEvent.findFirstOrThrow({ where: { type: "auth.sign_in" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ outcome: "ok", actorLabel: "lead@headroom.local", actorRole: "lead", data: { provider: "credentials" } });
  });
});

describe("OpenID Connect users", () => {
  it("creates a user from the claims with the claimed role, audited", async () => {
    const result = await provisionOidcUser({ issuer: ISSUER, roleClaim: "groups", meta, claims: { sub: "abc-1", email: "New.Person@Example.test", email_verified: true, name: "New Person", groups: ["staff", "responder"] } });
    expect(result).toMatchObject({ ok: true, user: { email: "new.person@example.test", role: "responder", name: "New Person" } });
    expect(await db.userIdentity.findUniqueOrThrow({ where: { issuer_subject: { issuer: ISSUER, subject: "abc-1" } } })).toMatchObject({ userId: result.ok ? result.user.id : -1 });
    const row = await db.auditEvent.findFirstOrThrow({ where: { type: "user.created" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorKind: "system", actorLabel: `oidc:${ISSUER}`, data: { email: "new.person@example.test", role: "responder" } });
  });

  it("follows the claim on the next sign-in (by subject, even if the email changed), and defaults to viewer", async () => {
    const result = await provisionOidcUser({ issuer: ISSUER, roleClaim: "groups", meta, claims: { sub: "abc-1", email: "renamed@example.test", name: "New Person" } });
    expect(result).toMatchObject({ ok: true, user: { email: "new.person@example.test", role: "viewer" } });
    const row = await db.auditEvent.findFirstOrThrow({ where: { type: "user.changed" }, orderBy: { id: "desc" } });
    expect(row.data).toMatchObject({ role: { from: "responder", to: "viewer" } });
  });

  it("refuses a disabled account and an unverified email", async () => {
    await db.user.update({ where: { email: "new.person@example.test" }, data: { disabled: true } });
    expect(await provisionOidcUser({ issuer: ISSUER, roleClaim: "groups", meta, claims: { sub: "abc-1", email: "x@example.test" } })).toMatchObject({ ok: false, reason: "the account is disabled in Headroom" });
    expect(await provisionOidcUser({ issuer: ISSUER, roleClaim: "groups", meta, claims: { sub: "z", email: "z@example.test", email_verified: false } })).toMatchObject({ ok: false });
    expect(await db.user.count({ where: { email: "z@example.test" } })).toBe(0);
  });

  it("leaves the audit chain intact", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
