import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: number; email: string; name: string; role: Role };

/**
 * The signed-in user as the database knows them now. A session issued before the user's last
 * sign-out, disabling, role change or password reset is no session (lib/auth/session-version.ts).
 * Read once per page render: the layout and the page both ask (React's cache; outside a render,
 * in routes and actions, every call reads).
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== session?.user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

export function requirePermission(user: CurrentUser, permission: Permission): void {
  if (!hasPermission(user.role, permission)) {
    throw new AppError("FORBIDDEN", `Your role (${user.role}) does not allow ${permission}.`);
  }
}
