import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

// Only the session cookie and the request are stood in for: getServerSession answers with the
// signed-in user's id, as next-auth would from a valid token. getCurrentUser, requireUser,
// the permission check, the lib call and the database are the real ones.
vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { getCurrentUser } from "@/lib/auth/session";
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from "@/app/(console)/admin/users/actions";
import { auditRowsAfter, dumpUsersAndAudit, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

const PASSWORD = "a long enough password";
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

let admin: Awaited<ReturnType<typeof insertUser>>;
let lead: Awaited<ReturnType<typeof insertUser>>;
let viewer: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  admin = await insertUser("admin");
  lead = await insertUser("lead");
  viewer = await insertUser("viewer");
});
beforeEach(() => vi.mocked(revalidatePath).mockClear());
afterAll(() => db.$disconnect());

describe("an admin manages users through the server actions", () => {
  it("creates a user, audited with the request's address", async () => {
    signInAs(admin);
    const before = await lastAuditId();
    const result = await createUserAction(null, form({ email: "New.Hire@Example.test", name: "New Hire", role: "responder", password: PASSWORD }));
    expect(result).toEqual({ ok: true, message: "Created new.hire@example.test (responder). They can sign in with the password you set." });
    expect(revalidatePath).toHaveBeenCalledWith("/admin/users");
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorLabel, r.ip, r.userAgent, r.requestId])).toEqual([
      ["user.created", "ok", admin.email, "203.0.113.7", "integration-browser/1.0", "req-matrix-1"],
    ]);
  });

  it("changes the role, disables and resets the password of that user", async () => {
    signInAs(admin);
    const { id } = await db.user.findUniqueOrThrow({ where: { email: "new.hire@example.test" } });
    expect(await changeRoleAction(null, form({ userId: String(id), role: "lead" }))).toMatchObject({ ok: true });
    expect(await resetPasswordAction(null, form({ userId: String(id), password: "another long password" }))).toMatchObject({ ok: true });
    expect(await setDisabledAction(null, form({ userId: String(id), disabled: "true" }))).toMatchObject({ ok: true, message: expect.stringMatching(/is disabled/) });
    expect(await db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: "lead", disabled: true });
  });

  it("refuses a guard rail with its message, and audits the refusal", async () => {
    signInAs(admin);
    const before = await lastAuditId();
    const result = await setDisabledAction(null, form({ userId: String(admin.id), disabled: "true" }));
    expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: "You cannot disable your own account: ask another admin." });
    const rows = await auditRowsAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: "user.changed",
      outcome: "denied",
      actorId: admin.id,
      actorRole: "admin",
      error: "You cannot disable your own account: ask another admin.",
      parameters: { userId: String(admin.id), disabled: "true" },
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("refuses a short password as invalid input, audited without the password", async () => {
    signInAs(admin);
    const before = await lastAuditId();
    const result = await createUserAction(null, form({ email: "short@example.test", name: "Short", role: "viewer", password: "short-pass1" }));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", message: "password: the password needs at least 12 characters" });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "user.created", outcome: "invalid", parameters: { email: "short@example.test", password: "(not recorded)" } });
    expect(await dumpUsersAndAudit()).not.toContain("short-pass1");
    expect(await db.user.count({ where: { email: "short@example.test" } })).toBe(0);
  });
});

describe("anyone else calling the actions directly", () => {
  it.each([["lead"], ["viewer"]] as const)("a %s is refused and the attempt is audited as denied", async (role) => {
    const caller = role === "lead" ? lead : viewer;
    signInAs(caller);
    const before = await lastAuditId();
    const created = await createUserAction(null, form({ email: `sneaky-${role}@example.test`, name: "Sneaky", role: "admin", password: PASSWORD }));
    expect(created).toEqual({ ok: false, code: "FORBIDDEN", message: `Your role (${role}) does not allow manage:users.` });
    const promoted = await changeRoleAction(null, form({ userId: String(caller.id), role: "admin" }));
    expect(promoted).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.user.count({ where: { email: `sneaky-${role}@example.test` } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: caller.id } })).role).toBe(role);
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorId, r.actorRole, r.ip])).toEqual([
      ["user.created", "denied", caller.id, role, "203.0.113.7"],
      ["user.changed", "denied", caller.id, role, "203.0.113.7"],
    ]);
    expect(rows[0].parameters).toEqual({ email: `sneaky-${role}@example.test`, name: "Sneaky", role: "admin", password: "(not recorded)" });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("a call without a session is refused and audited as unauthenticated", async () => {
    signInAs(null);
    const before = await lastAuditId();
    expect(await setDisabledAction(null, form({ userId: String(admin.id), disabled: "true" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "user.changed", outcome: "unauthenticated", actorKind: "anonymous", actorId: null });
  });
});

describe("a disabled user's session", () => {
  it("stops working on the next request: getCurrentUser is null and actions are refused", async () => {
    const other = await insertUser("admin");
    signInAs(other);
    expect(await getCurrentUser()).toMatchObject({ id: other.id, role: "admin" });
    signInAs(admin);
    expect(await setDisabledAction(null, form({ userId: String(other.id), disabled: "true" }))).toMatchObject({ ok: true });
    // The same session token as before: the database now says disabled.
    signInAs(other);
    expect(await getCurrentUser()).toBeNull();
    const before = await lastAuditId();
    expect(await changeRoleAction(null, form({ userId: String(admin.id), role: "viewer" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect((await auditRowsAfter(before)).map((r) => [r.type, r.outcome])).toEqual([["user.changed", "unauthenticated"]]);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });

  it("sees a role change on the next request", async () => {
    signInAs(admin);
    expect(await changeRoleAction(null, form({ userId: String(lead.id), role: "responder" }))).toMatchObject({ ok: true });
    signInAs(lead);
    expect(await getCurrentUser()).toMatchObject({ id: lead.id, role: "responder" });
  });
});

describe("the audit chain", () => {
  it("verifies with the refusals in it", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: await db.auditEvent.count() });
    expect(await db.auditEvent.count({ where: { outcome: { not: "ok" } } })).toBe(8);
  });
});
