import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Serialises user administration: without it two admins demoting each other at the same moment
 * would each see the other as the remaining admin, and leave none.
 */
export async function lockUserAdministration(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('headroom_user_admin'))");
}

export function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /P2002|23505|unique constraint/i.test(text);
}
