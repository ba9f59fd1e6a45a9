import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/hash-password";
import { proxy } from "@/proxy";
import { NextAuthClient } from "@/tests/support/next-auth-client";
import { insertUser } from "@/tests/support/user-fixtures";

// lib/env reads the environment on first use, after this line; each test file has its own modules.
process.env.NEXTAUTH_URL = "https://console.example.test";
afterAll(() => db.$disconnect());

describe("served over https", () => {
  it("sets the session cookie Secure under a __Secure- name, which the proxy accepts, and sends HSTS", async () => {
    const user = await insertUser("viewer", { passwordHash: await hashPassword("a long enough password") });
    const browser = new NextAuthClient();
    expect((await browser.signIn(user.email, "a long enough password")).ok).toBe(true);
    const session = browser.setCookieLines.find((line) => line.startsWith("__Secure-next-auth.session-token="));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(browser.setCookieLines.every((line) => /; Secure/i.test(line))).toBe(true);

    const response = await proxy(new NextRequest("https://console.example.test/api/console/overview", { headers: { cookie: browser.cookieHeader } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
