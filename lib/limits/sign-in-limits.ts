import "server-only";
import { lockout, type Lockout, type LockoutPolicy } from "./lockout";

// docs/decisions/0010-sessions-and-sign-in-limits.md. Per account: 5 failures free, then
// 30 s, 1, 2, 4, 8 min, capped at 15 min (about 100 guesses a day); a success forgets them.
// Per address, whatever the account: 30 failures an hour free (an office behind one NAT
// mistypes too), then 1 min doubling up to 30 min; successes do not reset it, or one valid
// account would launder a password-spraying run.
export const ACCOUNT_POLICY: LockoutPolicy = { name: "signin-account", freeFailures: 5, windowSeconds: 24 * 3600, firstLockSeconds: 30, maxLockSeconds: 15 * 60 };
export const ADDRESS_POLICY: LockoutPolicy = { name: "signin-address", freeFailures: 30, windowSeconds: 3600, firstLockSeconds: 60, maxLockSeconds: 30 * 60 };

export type SignInLock = { scope: "account" | "address"; seconds: number };

let lockouts: { account: Lockout; address: Lockout } | undefined;
// Created on first use: `next build` loads this module without a database.
const limits = () => (lockouts ??= { account: lockout(ACCOUNT_POLICY), address: lockout(ADDRESS_POLICY) });

const accountKey = (email: string | null) => (email ?? "").slice(0, 320);
const addressKey = (ip: string | null) => ip ?? "unknown";

/** The lock that refuses this attempt before any password is checked, or null. */
export async function signInLock(options: { email: string | null; ip: string | null }): Promise<SignInLock | null> {
  const [address, account] = await Promise.all([limits().address.lockedFor(addressKey(options.ip)), limits().account.lockedFor(accountKey(options.email))]);
  if (address > 0) return { scope: "address", seconds: address };
  if (account > 0) return { scope: "account", seconds: account };
  return null;
}

/** Counts a wrong password (or unknown account) against both; returns the lock it started, if any. */
export async function countFailedSignIn(options: { email: string | null; ip: string | null }): Promise<SignInLock | null> {
  const [account, address] = await Promise.all([limits().account.fail(accountKey(options.email)), limits().address.fail(addressKey(options.ip))]);
  if (address > 0) return { scope: "address", seconds: address };
  if (account > 0) return { scope: "account", seconds: account };
  return null;
}

export async function forgetFailedSignIns(options: { email: string }): Promise<void> {
  await limits().account.forget(accountKey(options.email));
}
