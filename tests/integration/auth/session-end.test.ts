import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/hash-password";
import { updateUser } from "@/lib/users/update-user";
import { proxy } from "@/proxy";
import { NextAuthClient } from "@/tests/support/next-auth-client";
import { insertUser } from "@/tests/support/user-fixtures";

// The reported case: a cookie copied before sign-out still read /api/console/overview for
// 12 h. Sessions are signed in and out through next-auth's real handler; the copied cookie is
// replayed against the real proxy, which is what stands before every page and API route.
const PASSWORD = "a long enough password";
let admin: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  admin = await insertUser("admin");
});
afterAll(() => db.$disconnect());

async function signedIn(role: "viewer" | "lead" = "viewer") {
  const user = await insertUser(role, { passwordHash: await hashPassword(PASSWORD) });
  const browser = new NextAuthClient();
  expect(await browser.signIn(user.email, PASSWORD)).toEqual({ ok: true, error: null });
  expect(browser.sessionCookie).toBeTruthy();
  return { user, browser, copied: browser.cookieHeader };
}

function replay(cookie: string, path = "/api/console/overview") {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { cookie } }));
}
const passed = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("a session ends when it should", () => {
  it("ends at sign-out: the copied cookie is refused afterwards, for API routes and pages", async () => {
    const { browser, copied } = await signedIn();
    expect(passed(await replay(copied))).toBe(true);
    await browser.signOut();
    expect(browser.sessionCookie).toBeUndefined();
    const api = await replay(copied);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: "UNAUTHENTICATED" });
    const page = await replay(copied, "/targets");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://localhost:3000/signin?callbackUrl=%2Ftargets");
    // The dead cookie is deleted from the browser that sent it.
    expect(page.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  });

  it("ends every session of that user at sign-out (decision 0010), and a new sign-in works", async () => {
    const { user, browser, copied } = await signedIn();
    const otherBrowser = new NextAuthClient();
    expect((await otherBrowser.signIn(user.email, PASSWORD)).ok).toBe(true);
    await browser.signOut();
    expect((await replay(copied)).status).toBe(401);
    expect((await replay(otherBrowser.cookieHeader)).status).toBe(401);
    const again = new NextAuthClient();
    expect((await again.signIn(user.email, PASSWORD)).ok).toBe(true);
    expect(passed(await replay(again.cookieHeader))).toBe(true);
  });

  it("a replayed, already-ended cookie cannot sign anyone out", async () => {
    const { user, browser, copied } = await signedIn();
    await browser.signOut();
    const fresh = new NextAuthClient();
    expect((await fresh.signIn(user.email, PASSWORD)).ok).toBe(true);
    const attacker = new NextAuthClient();
    attacker.cookies.set("next-auth.session-token", copied.split("next-auth.session-token=")[1].split(";")[0]);
    await attacker.signOut();
    expect(passed(await replay(fresh.cookieHeader))).toBe(true);
  });

  it.each([
    ["a role change", { role: "responder" as const }],
    ["disabling the account", { disabled: true }],
    ["a password reset", { password: "a brand new long password" }],
  ])("ends at %s made by an admin", async (_what, change) => {
    const { user, copied } = await signedIn("lead");
    expect(passed(await replay(copied))).toBe(true);
    await updateUser({ userId: user.id, change, actor: admin });
    expect((await replay(copied)).status).toBe(401);
  });

  it("refuses a token without a session version (issued before versions existed)", async () => {
    const { user, browser } = await signedIn();
    const { encode } = await import("next-auth/jwt");
    const legacy = await encode({ token: { sub: String(user.id), role: "viewer" }, secret: process.env.NEXTAUTH_SECRET! });
    expect((await replay(`next-auth.session-token=${legacy}`)).status).toBe(401);
    expect(passed(await replay(browser.cookieHeader))).toBe(true);
  });
});
