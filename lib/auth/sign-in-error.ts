// Shared by the sign-in page (server) and form (browser). next-auth turns an error thrown in
// `authorize` into `?error=<its message>` (and signIn()'s `error`); returning null means a wrong
// password. A database that is down must not be reported as a wrong password.
export const DATABASE_UNAVAILABLE = "DatabaseUnavailable";
export const DATABASE_UNAVAILABLE_MESSAGE = "Headroom cannot reach its database right now; try again in a minute.";

/** What the form says after a password sign-in failed with next-auth's error code. */
export function describeCredentialsError(code: string | null | undefined): string {
  return code === DATABASE_UNAVAILABLE ? DATABASE_UNAVAILABLE_MESSAGE : "Wrong email or password.";
}
