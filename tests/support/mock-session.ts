/**
 * Who the server actions see as signed in. The tests swap getCurrentUser/requireUser (next-auth
 * needs a browser session) and next/headers (no request outside Next); everything after that —
 * permission checks, the lib call, the database, the simulator — is the real thing.
 */
export const session = {
  userId: null as number | null,
  headers: new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "integration-browser/1.0", "x-request-id": "req-matrix-1" }),
};

export function signInAs(user: { id: number } | null) {
  session.userId = user?.id ?? null;
}
