// How a refused sign-in travels from the server to the sign-in page: next-auth passes an
// error thrown by `authorize` on as its message (`?error=` or signIn()'s `error`). Shared by
// the server and the sign-in form, so it must not be server-only.

const LOCKED = /^SignInLocked:(account|address):(\d{1,6})$/;

export function signInLockedCode(lock: { scope: "account" | "address"; seconds: number }): string {
  return `SignInLocked:${lock.scope}:${lock.seconds}`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The sentence the sign-in page shows for a lock code, or null when `code` is none. */
export function describeSignInLock(code: string | null | undefined): string | null {
  const match = LOCKED.exec(code ?? "");
  if (!match) return null;
  const wait = duration(Number(match[2]));
  return match[1] === "account"
    ? `Too many failed sign-ins: this account is temporarily locked. Try again in ${wait}.`
    : `Too many failed sign-ins from your network address: sign-in is temporarily locked. Try again in ${wait}.`;
}

// A database that is down must not be reported as a wrong password (returning null from
// `authorize` means one).
export const DATABASE_UNAVAILABLE = "DatabaseUnavailable";
export const DATABASE_UNAVAILABLE_MESSAGE = "Headroom cannot reach its database right now; try again in a minute.";

/** What the form says after a password sign-in failed with next-auth's error code. */
export function describeCredentialsError(code: string | null | undefined): string {
  if (code === DATABASE_UNAVAILABLE) return DATABASE_UNAVAILABLE_MESSAGE;
  return describeSignInLock(code) ?? "Wrong email or password.";
}
