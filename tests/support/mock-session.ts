import { vi } from "vitest";

/**
 * Who the server actions see as signed in. The tests swap getCurrentUser/requireUser (next-auth
 * needs a browser session) and next/headers (no request outside Next); everything after that —
 * permission checks, the lib call, the database, the simulator — is the real thing.
 */
export const session = {
  userId: null as number | null,
  /** The session version the stand-in token was issued at; read on first use after signInAs. */
  sessionVersion: undefined as number | undefined,
  headers: new Headers({ "x-headroom-client-ip": "203.0.113.7", "user-agent": "integration-browser/1.0", "x-request-id": "req-matrix-1" }),
};

/** A sign-in: the next session read stands for a token issued now. */
export function signInAs(user: { id: number } | null) {
  session.userId = user?.id ?? null;
  session.sessionVersion = undefined;
}

/** What getServerSession would answer for that token (for tests that keep getCurrentUser real). */
export async function mockServerSession() {
  if (session.userId === null) return null;
  if (session.sessionVersion === undefined) {
    const { db } = await import("@/lib/db");
    session.sessionVersion = (await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { sessionVersion: true } })).sessionVersion;
  }
  return { user: { id: String(session.userId), sessionVersion: session.sessionVersion }, expires: "2099-01-01T00:00:00.000Z" };
}

// vi.mock factories for what a server action reads from Next outside a request. vi.mock itself must
// stay in each test file (it is hoisted there), so a file calls them lazily:
// `vi.mock("next/headers", () => mockedHeaders())`.
export const mockedHeaders = () => ({ headers: async () => session.headers });
export const mockedCache = () => ({ revalidatePath: vi.fn() });
export const mockedNextAuth = async (importOriginal: <T>() => Promise<T>) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: mockServerSession,
});
