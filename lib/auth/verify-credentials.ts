import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { DATABASE_UNAVAILABLE } from "@/lib/auth/sign-in-error";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

// Compared even when the user does not exist, so response time does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.Hq5/2K1dYhE8fWb4Pwq7ZQ3bYF2u";

/**
 * The user, or null for a wrong email or password. Throws Error(DATABASE_UNAVAILABLE) when the
 * database cannot be reached: next-auth's `authorize` passes a thrown message on to the form,
 * which then says the service is unavailable instead of blaming the password.
 */
export async function verifyCredentials(input: unknown): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user
    .findUnique({
      where: { email: parsed.data.email },
      select: { id: true, email: true, name: true, role: true, passwordHash: true, disabled: true, sessionVersion: true },
    })
    .catch((error: unknown) => {
      throw isDatabaseUnavailable(error) ? new Error(DATABASE_UNAVAILABLE, { cause: error }) : error;
    });
  const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled || !user.passwordHash) return null;
  return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
