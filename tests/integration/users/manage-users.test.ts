import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { updateUser } from "@/lib/users/update-user";
import { auditRowsAfter, dumpUsersAndAudit, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

const meta = { ip: "198.51.100.40", userAgent: "users-test", requestId: "req-users-1" };
const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "staple-another-horse";
let admin: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  admin = await insertUser("admin");
});
afterAll(() => db.$disconnect());

describe("creating a user", () => {
  it("stores a lowercased email and a bcrypt hash (cost 10), and audits it in the same transaction", async () => {
    const before = await lastAuditId();
    const created = await createUser({ input: { email: "  Rita.Responder@Example.TEST ", name: "Rita Responder", role: "responder", password: PASSWORD }, actor: admin, meta });
    expect(created).toMatchObject({ email: "rita.responder@example.test", name: "Rita Responder", role: "responder" });
    const row = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare(PASSWORD, row.passwordHash!)).toBe(true);
    const audit = await auditRowsAfter(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      type: "user.created",
      outcome: "ok",
      actorKind: "user",
      actorId: admin.id,
      actorLabel: admin.email,
      actorRole: "admin",
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      data: { userId: created.id, email: "rita.responder@example.test", role: "responder", password: "set" },
    });
    expect(await dumpUsersAndAudit()).not.toContain(PASSWORD);
  });

  it("signs the new user in with the password set", async () => {
    expect(await verifyCredentials({ email: "rita.responder@example.test", password: PASSWORD })).toMatchObject({ role: "responder", name: "Rita Responder" });
  });

  it("refuses a taken email whatever its case, and writes nothing", async () => {
    const before = await lastAuditId();
    const count = await db.user.count();
    await expect(createUser({ input: { email: "RITA.responder@example.test", name: "Again", role: "viewer", password: PASSWORD }, actor: admin, meta })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A user with the email rita.responder@example.test already exists.",
    });
    expect(await db.user.count()).toBe(count);
    expect(await auditRowsAfter(before)).toHaveLength(0);
  });

  it.each([
    [{ password: "short-11-ch" }, /at least 12 characters/],
    [{ password: "é".repeat(37) }, /at most 72 bytes/],
    [{ email: "not-an-email" }, /not an email address/],
    [{ name: "  " }, /a name is needed/],
    [{ role: "root" }, /the role is one of viewer, responder, lead, admin/],
  ])("refuses bad input %o", async (override, message) => {
    const input = { email: "bad-input@example.test", name: "Bad Input", role: "viewer", password: PASSWORD, ...override };
    await expect(createUser({ input: input as never, actor: admin, meta })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(message) });
    expect(await db.user.count({ where: { email: "bad-input@example.test" } })).toBe(0);
  });
});

describe("changing a user", () => {
  const rita = () => db.user.findUniqueOrThrow({ where: { email: "rita.responder@example.test" } });

  it("changes the role, audited old → new", async () => {
    const { id } = await rita();
    const before = await lastAuditId();
    expect(await updateUser({ userId: id, change: { role: "lead" }, actor: admin, meta })).toMatchObject({ role: "lead", disabled: false });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "user.changed", outcome: "ok", actorId: admin.id, data: { userId: id, role: { from: "responder", to: "lead" } } });
    expect(row.data).not.toHaveProperty("disabled");
    expect(row.data).not.toHaveProperty("passwordReset");
  });

  it("disables and enables, audited; a disabled user cannot sign in", async () => {
    const { id } = await rita();
    const before = await lastAuditId();
    await updateUser({ userId: id, change: { disabled: true }, actor: admin, meta });
    expect(await verifyCredentials({ email: "rita.responder@example.test", password: PASSWORD })).toBeNull();
    await updateUser({ userId: id, change: { disabled: false }, actor: admin, meta });
    expect(await verifyCredentials({ email: "rita.responder@example.test", password: PASSWORD })).toMatchObject({ role: "lead" });
    expect((await auditRowsAfter(before)).map((r) => r.data)).toEqual([
      expect.objectContaining({ userId: id, disabled: { from: false, to: true } }),
      expect.objectContaining({ userId: id, disabled: { from: true, to: false } }),
    ]);
  });

  it("resets the password: the old one stops working, the audit says so without the password", async () => {
    const { id, passwordHash } = await rita();
    const before = await lastAuditId();
    await updateUser({ userId: id, change: { password: NEW_PASSWORD }, actor: admin, meta });
    expect((await rita()).passwordHash).not.toBe(passwordHash);
    expect(await verifyCredentials({ email: "rita.responder@example.test", password: PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: "rita.responder@example.test", password: NEW_PASSWORD })).toMatchObject({ email: "rita.responder@example.test" });
    const [row] = await auditRowsAfter(before);
    expect(row.data).toEqual({ userId: id, email: "rita.responder@example.test", passwordReset: true, source: "admin console" });
    expect(await dumpUsersAndAudit()).not.toContain(NEW_PASSWORD);
  });

  it("refuses a change that changes nothing, a short password and an unknown user", async () => {
    const { id } = await rita();
    await expect(updateUser({ userId: id, change: { role: "lead", disabled: false }, actor: admin, meta })).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/^Nothing changed/) });
    await expect(updateUser({ userId: id, change: { password: "too-short" }, actor: admin, meta })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(updateUser({ userId: id, change: {}, actor: admin, meta })).rejects.toMatchObject({ code: "INVALID_INPUT", message: "nothing to change" });
    await expect(updateUser({ userId: 999_999, change: { role: "viewer" }, actor: admin, meta })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("single-sign-on users", () => {
  const ISSUER = "https://idp.example.test";

  it("can have their role and disabled flag changed, but get no password unless they already have one", async () => {
    const sso = await insertUser("viewer", { key: "sso" });
    await db.userIdentity.create({ data: { issuer: ISSUER, subject: "sub-sso", userId: sso.id } });
    await updateUser({ userId: sso.id, change: { role: "responder" }, actor: admin, meta });
    await updateUser({ userId: sso.id, change: { disabled: true }, actor: admin, meta });
    expect(await db.user.findUniqueOrThrow({ where: { id: sso.id } })).toMatchObject({ role: "responder", disabled: true, passwordHash: null });
    await expect(updateUser({ userId: sso.id, change: { password: NEW_PASSWORD }, actor: admin, meta })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${sso.email} signs in through single sign-on and has no password to reset.`,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: sso.id } })).passwordHash).toBeNull();

    const both = await insertUser("viewer", { key: "both", passwordHash: await bcrypt.hash(PASSWORD, 10) });
    await db.userIdentity.create({ data: { issuer: ISSUER, subject: "sub-both", userId: both.id } });
    await updateUser({ userId: both.id, change: { password: NEW_PASSWORD }, actor: admin, meta });
    expect(await verifyCredentials({ email: both.email, password: NEW_PASSWORD })).toMatchObject({ email: both.email });

    const listed = await listUsers();
    expect(listed.find((u) => u.id === sso.id)).toMatchObject({ hasPassword: false, ssoIssuers: [ISSUER], disabled: true });
    expect(listed.find((u) => u.id === both.id)).toMatchObject({ hasPassword: true, ssoIssuers: [ISSUER] });
    expect(listed.find((u) => u.id === admin.id)).toMatchObject({ hasPassword: false, ssoIssuers: [] });
    expect(JSON.stringify(listed)).not.toMatch(/\$2[aby]\$/);
  });
});

describe("the audit chain", () => {
  it("verifies after every change above", async () => {
    const status = await verifyAuditChain();
    expect(status).toMatchObject({ ok: true });
    expect(status.checked).toBe(await db.auditEvent.count({ where: { type: { in: ["user.created", "user.changed"] } } }));
    expect(status.checked).toBe(8);
  });
});
