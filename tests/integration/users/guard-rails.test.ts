import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { updateUser } from "@/lib/users/update-user";
import { auditRowsAfter, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

const meta = { ip: "198.51.100.41", userAgent: "guard-rails-test", requestId: "req-guard" };

afterAll(() => db.$disconnect());

// Each test starts from admins it creates itself: earlier tests' admins are demoted first.
beforeEach(async () => {
  await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
});

const stateOf = (id: number) => db.user.findUniqueOrThrow({ where: { id }, select: { role: true, disabled: true } });

describe("an admin cannot lock themselves out", () => {
  it("refuses demoting or disabling oneself, even with another admin around", async () => {
    const me = await insertUser("admin");
    await insertUser("admin");
    const before = await lastAuditId();
    await expect(updateUser({ userId: me.id, change: { role: "lead" }, actor: me, meta })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot demote your own account: ask another admin.",
    });
    await expect(updateUser({ userId: me.id, change: { disabled: true }, actor: me, meta })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot disable your own account: ask another admin.",
    });
    expect(await stateOf(me.id)).toEqual({ role: "admin", disabled: false });
    expect(await auditRowsAfter(before)).toHaveLength(0);
  });

  it("lets an admin reset their own password", async () => {
    const me = await insertUser("admin");
    await expect(updateUser({ userId: me.id, change: { password: "my own new password" }, actor: me, meta })).resolves.toMatchObject({ role: "admin" });
  });
});

describe("the last enabled admin", () => {
  it("cannot be demoted or disabled, even by an admin whose session predates their own demotion", async () => {
    const last = await insertUser("admin");
    // Demoted a moment ago; the request it is making was authorised before that.
    const stale = { ...(await insertUser("lead")), role: "admin" };
    await insertUser("admin", { disabled: true });
    for (const [change, verb] of [[{ role: "responder" as const }, "demoted"], [{ disabled: true }, "disabled"]] as const) {
      await expect(updateUser({ userId: last.id, change, actor: stale, meta })).rejects.toMatchObject({
        code: "CONFLICT",
        message: `${last.email} is the last enabled admin and cannot be ${verb}: make someone else an admin first.`,
      });
    }
    expect(await stateOf(last.id)).toEqual({ role: "admin", disabled: false });
  });

  it("can be demoted once there is another enabled admin", async () => {
    const first = await insertUser("admin");
    const second = await insertUser("admin");
    await updateUser({ userId: first.id, change: { role: "lead" }, actor: second, meta });
    expect(await stateOf(first.id)).toEqual({ role: "lead", disabled: false });
    // Disabled admins do not count, and changing them needs no guard.
    const dormant = await insertUser("admin", { disabled: true });
    await updateUser({ userId: dormant.id, change: { role: "viewer" }, actor: second, meta });
    await updateUser({ userId: dormant.id, change: { disabled: false }, actor: second, meta });
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const a = await insertUser("admin");
    const b = await insertUser("admin");
    // A's demotion of B is in flight (locked, written, not yet committed) when B's request to disable A
    // arrives: B's change must wait and then see that A is the last admin, not the state before.
    let disabling: Promise<unknown> | null = null;
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('headroom_user_admin'))");
      await tx.user.update({ where: { id: b.id }, data: { role: "lead" } });
      disabling = updateUser({ userId: a.id, change: { disabled: true }, actor: b, meta }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await disabling).toMatchObject({ code: "CONFLICT", message: `${a.email} is the last enabled admin and cannot be disabled: make someone else an admin first.` });
    expect(await stateOf(a.id)).toEqual({ role: "admin", disabled: false });
  });

  it("leaves the audit chain intact", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
