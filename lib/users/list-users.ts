import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type UserListItem = {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  hasPassword: boolean;
  /** Issuers of the single-sign-on identities linked to this user. */
  ssoIssuers: string[];
};

/** Every user with how they sign in; the password hash itself never leaves this function. */
export async function listUsers(): Promise<UserListItem[]> {
  const [users, identities] = await Promise.all([
    db.user.findMany({
      select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, passwordHash: true },
      orderBy: { email: "asc" },
    }),
    db.userIdentity.findMany({ select: { userId: true, issuer: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return users.map(({ passwordHash, ...user }) => ({
    ...user,
    hasPassword: passwordHash !== null,
    ssoIssuers: [...new Set(identities.filter((i) => i.userId === user.id).map((i) => i.issuer))],
  }));
}
