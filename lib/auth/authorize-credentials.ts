import "server-only";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { auditFailedSignIn } from "@/lib/auth/audit-sign-in";
import { DATABASE_UNAVAILABLE, signInLockedCode } from "@/lib/auth/sign-in-error";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import { verifyCredentials, type SignedInUser } from "@/lib/auth/verify-credentials";
import { countFailedSignIn, forgetFailedSignIns, signInLock } from "@/lib/limits/sign-in-limits";

/**
 * Email-and-password sign-in behind its limits (lib/limits/sign-in-limits.ts): a locked
 * account or address is refused before the password is looked at, with a lock code the
 * sign-in page puts into words; a failure counts against both and is audited (summarised).
 */
export async function authorizeCredentials(options: { credentials: unknown; meta: RequestMeta }): Promise<SignedInUser | null> {
  // The limits live in the database too: with it down, say so rather than "wrong password".
  return authorize(options).catch((error: unknown) => {
    throw isDatabaseUnavailable(error) ? new Error(DATABASE_UNAVAILABLE, { cause: error }) : error;
  });
}

async function authorize(options: { credentials: unknown; meta: RequestMeta }): Promise<SignedInUser | null> {
  const raw = (options.credentials as { email?: unknown } | undefined)?.email;
  const email = typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 320) : null;
  const ip = options.meta.ip;
  const lock = await signInLock({ email, ip });
  if (lock) {
    const reason = `refused unchecked: the ${lock.scope === "account" ? "account" : "address"} is locked for ${lock.seconds} s after repeated failures`;
    await auditFailedSignIn({ provider: "credentials", email, reason, meta: options.meta, outcome: "locked", anyAccount: lock.scope === "address" });
    throw new Error(signInLockedCode(lock));
  }
  const user = await verifyCredentials(options.credentials);
  if (user) {
    await forgetFailedSignIns({ email: user.email });
    return user;
  }
  const locked = await countFailedSignIn({ email, ip });
  const reason = `wrong email or password, or a disabled account${locked ? `; ${locked.scope} now locked for ${locked.seconds} s` : ""}`;
  await auditFailedSignIn({ provider: "credentials", email, reason, meta: options.meta });
  if (locked) throw new Error(signInLockedCode(locked));
  return null;
}
