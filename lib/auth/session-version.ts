import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";

/** What a session token says about its user: next-auth's `sub` and the version it was issued at. */
export type SessionClaims = { sub?: string | null; sv?: unknown };

/**
 * Whether a session token still stands: its user exists, is enabled, and no sign-out, role
 * change or password reset has happened since it was issued (docs/decisions/0010). Tokens
 * from before session versions existed carry none and are refused.
 */
export async function isSessionCurrent(claims: SessionClaims, options: { db?: Db } = {}): Promise<boolean> {
  const id = Number(claims.sub);
  if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(claims.sv)) return false;
  const user = await (options.db ?? defaultDb).user.findUnique({ where: { id }, select: { sessionVersion: true, disabled: true } });
  return user !== null && !user.disabled && user.sessionVersion === claims.sv;
}

/**
 * Ends every session of a user and returns the new version (for a session issued right after).
 * Pass the transaction that makes the change this follows from.
 */
export async function endSessions(options: { userId: number; db?: Db }): Promise<number> {
  const user = await (options.db ?? defaultDb).user.update({
    where: { id: options.userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}
