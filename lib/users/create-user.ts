import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword } from "./hash-password";
import { isUniqueViolation, lockUserAdministration } from "./user-admin-lock";
import { newUserSchema, type NewUser, type UserAdmin } from "./user-input";

export type CreatedUser = { id: number; email: string; name: string; role: Role };

/**
 * Creates a user who signs in with email and password. Only the bcrypt hash is stored; the
 * `user.created` audit row names the admin and the role, never the password.
 */
export async function createUser(options: { input: NewUser; actor: UserAdmin; meta?: RequestMeta | null; now?: Date }): Promise<CreatedUser> {
  const parsed = newUserSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join("; "));
  const { password, ...input } = parsed.data;
  const passwordHash = await hashPassword(password);
  const now = options.now ?? new Date();
  const conflict = () => new AppError("CONFLICT", `A user with the email ${input.email} already exists.`);
  return db.$transaction(async (tx) => {
    await lockUserAdministration(tx);
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw conflict();
    const user = await tx.user
      .create({ data: { ...input, passwordHash, createdAt: now }, select: { id: true, email: true, name: true, role: true } })
      .catch((error: unknown) => {
        // An OpenID Connect sign-in may create the same email between the check and the insert.
        throw isUniqueViolation(error) ? conflict() : error;
      });
    await appendAuditEvent(
      tx,
      {
        type: "user.created",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        data: { userId: user.id, email: user.email, name: user.name, role: user.role, password: "set", source: "admin console" },
      },
      { meta: options.meta, now },
    );
    return user;
  });
}
