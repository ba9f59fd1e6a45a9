import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "./hash-password";
import { endSessions } from "@/lib/auth/session-version";
import { lockUserAdministration } from "./user-admin-lock";
import { userChangeSchema, type UserAdmin, type UserChange } from "./user-input";

export type UpdatedUser = { id: number; email: string; role: Role; disabled: boolean };

/**
 * Changes a user's role, disables or enables them, or sets a new password; one `user.changed`
 * audit row records old → new and "password reset" (never the password). Guard rails: nobody
 * demotes or disables themselves, and the last enabled admin stays one.
 */
export async function updateUser(options: {
  userId: number;
  change: UserChange;
  actor: UserAdmin;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<UpdatedUser> {
  const parsed = userChangeSchema.safeParse(options.change);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join("; "));
  const change = parsed.data;
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    await lockUserAdministration(tx);
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, role: true, disabled: true, passwordHash: true },
    });
    if (!user) throw new AppError("NOT_FOUND", `No user #${options.userId}.`);
    const role = change.role !== undefined && change.role !== user.role ? { from: user.role, to: change.role } : null;
    const disabled = change.disabled !== undefined && change.disabled !== user.disabled ? { from: user.disabled, to: change.disabled } : null;
    if (!role && !disabled && passwordHash === undefined) {
      throw new AppError("INVALID_INPUT", `Nothing changed: ${user.email} is already ${user.disabled ? "disabled" : "enabled"} with the role ${user.role}.`);
    }
    if (passwordHash !== undefined && !user.passwordHash && (await tx.userIdentity.count({ where: { userId: user.id } })) > 0) {
      // A password on a single-sign-on account would be a way in that the identity provider does not control.
      throw new AppError("CONFLICT", `${user.email} signs in through single sign-on and has no password to reset.`);
    }
    const losesAdmin = user.role === "admin" && !user.disabled && ((role !== null && role.to !== "admin") || disabled?.to === true);
    if (losesAdmin) {
      const verb = disabled?.to === true ? "disable" : "demote";
      if (user.id === options.actor.id) throw new AppError("FORBIDDEN", `You cannot ${verb} your own account: ask another admin.`);
      const otherAdmins = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: user.id } } });
      if (otherAdmins === 0) {
        throw new AppError("CONFLICT", `${user.email} is the last enabled admin and cannot be ${verb}d: make someone else an admin first.`);
      }
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: role?.to, disabled: disabled?.to, passwordHash },
      select: { id: true, email: true, role: true, disabled: true },
    });
    // A new role, a disabled account or a new password ends the user's sessions (decision 0010).
    if (role !== null || disabled?.to === true || passwordHash !== undefined) await endSessions({ userId: user.id, db: tx });
    await appendAuditEvent(
      tx,
      {
        type: "user.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        data: {
          userId: user.id,
          email: user.email,
          ...(role ? { role } : {}),
          ...(disabled ? { disabled } : {}),
          ...(passwordHash !== undefined ? { passwordReset: true } : {}),
          source: "admin console",
        },
      },
      { meta: options.meta, now },
    );
    return updated;
  });
}
