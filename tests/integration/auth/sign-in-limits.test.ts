import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { systemRequestMeta } from "@/lib/audit/request-meta";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { describeSignInLock } from "@/lib/auth/sign-in-error";
import { flushClosedFailureWindows } from "@/lib/limits/failed-attempt-windows";
import { hashPassword } from "@/lib/users/hash-password";
import { NextAuthClient } from "@/tests/support/next-auth-client";
import { auditRowsAfter, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

// Sign-ins go through next-auth's real handler; time moves by faking Date only (the limiter
// and the windows both read the clock), so the database and its driver run as they are.
const PASSWORD = "a long enough password";
const browserAt = (ip: string) => new NextAuthClient({ ip, userAgent: "limits-test", requestId: `req-${ip}` });
let clock = Date.now();
const advance = (seconds: number) => {
  clock += seconds * 1000;
  vi.setSystemTime(clock);
};

vi.useFakeTimers({ toFake: ["Date"], now: clock });
afterEach(() => advance(3600 * 25)); // every test starts with counters and windows expired
afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("per-account limit", () => {
  it("the reported run: 50 wrong passwords, then the right one — locked, said so, and two audit rows at most", async () => {
    const user = await insertUser("lead", { passwordHash: await hashPassword(PASSWORD) });
    const browser = browserAt("198.51.100.31");
    const before = await lastAuditId();
    const answers: (string | null)[] = [];
    for (let i = 0; i < 50; i++) answers.push((await browser.signIn(user.email, `wrong-${i}`)).error);
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(answers[5]).toBe("SignInLocked:account:30");
    expect(answers.slice(6).every((a) => a?.startsWith("SignInLocked:account:"))).toBe(true);

    const right = await browser.signIn(user.email, PASSWORD);
    expect(right).toMatchObject({ ok: false, error: expect.stringMatching(/^SignInLocked:account:\d+$/) });
    expect(browser.sessionCookie).toBeUndefined();
    expect(describeSignInLock(right.error)).toMatch(/^Too many failed sign-ins: this account is temporarily locked\. Try again in \d+ seconds\.$/);

    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorLabel, r.ip])).toEqual([["auth.sign_in_failed", "failed", user.email, "198.51.100.31"]]);
  });

  it("grows the lock with each further failure, lets the right password in once it has passed, and summarises the rest", async () => {
    const user = await insertUser("responder", { passwordHash: await hashPassword(PASSWORD) });
    const browser = browserAt("198.51.100.32");
    const before = await lastAuditId();
    for (let i = 0; i < 5; i++) await browser.signIn(user.email, "wrong");
    expect((await browser.signIn(user.email, "wrong")).error).toBe("SignInLocked:account:30");
    advance(31);
    expect((await browser.signIn(user.email, "wrong")).error).toBe("SignInLocked:account:60");
    advance(61);
    expect((await browser.signIn(user.email, "wrong")).error).toBe("SignInLocked:account:120");
    advance(121);
    expect(await browser.signIn(user.email, PASSWORD)).toEqual({ ok: true, error: null });

    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome])).toEqual([
      ["auth.sign_in_failed", "failed"],
      ["auth.failed_attempts_summarized", "failed"],
      ["auth.sign_in", "ok"],
    ]);
    expect(rows[1].error).toMatch(new RegExp(`^7 more failed sign-in attempts from IP 198\\.51\\.100\\.32 for account ${user.email.replace(/\./g, "\\.")} between \\S+Z and \\S+Z$`));
    expect(rows[1]).toMatchObject({ ip: "198.51.100.32", data: { count: 7, account: user.email, ip: "198.51.100.32" } });

    // The success forgot the failures: five more are free again.
    for (let i = 0; i < 5; i++) expect((await browser.signIn(user.email, "wrong")).error).toBe("CredentialsSignin");
  });

  it("counts unknown accounts the same, so a lock tells nothing about which emails exist", async () => {
    const browser = browserAt("198.51.100.33");
    for (let i = 0; i < 5; i++) await browser.signIn("nobody@test.local", "x");
    expect((await browser.signIn("nobody@test.local", "x")).error).toBe("SignInLocked:account:30");
  });
});

describe("per-address limit", () => {
  it("locks an address after 30 failures across accounts; other addresses and the accounts elsewhere are unaffected", async () => {
    const spray = browserAt("198.51.100.40");
    const user = await insertUser("viewer", { passwordHash: await hashPassword(PASSWORD) });
    for (let i = 0; i < 30; i++) expect((await spray.signIn(`sprayed-${i}@test.local`, "Winter2026!")).error).toBe("CredentialsSignin");
    expect((await spray.signIn("sprayed-30@test.local", "Winter2026!")).error).toBe("SignInLocked:address:60");
    const before = await lastAuditId();
    for (let i = 31; i < 60; i++) expect((await spray.signIn(`sprayed-${i}@test.local`, "x")).error).toMatch(/^SignInLocked:address:/);
    expect((await spray.signIn(user.email, PASSWORD)).error).toMatch(/^SignInLocked:address:/);
    expect(describeSignInLock("SignInLocked:address:60")).toBe("Too many failed sign-ins from your network address: sign-in is temporarily locked. Try again in 60 seconds.");

    // Refusals for the address, whatever the account, share one window: one row, not thirty.
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.actorLabel, r.ip])).toEqual([["auth.sign_in_failed", "locked", null, "198.51.100.40"]]);

    expect((await browserAt("198.51.100.41").signIn(user.email, PASSWORD)).ok).toBe(true);
  });
});

describe("the audit trail of failures", () => {
  it("gets the summary when the window closes, from the worker's sweep, and the chain stays intact", async () => {
    const browser = browserAt("198.51.100.50");
    // The earlier tests' windows have closed by now (afterEach moves the clock): swept first.
    await flushClosedFailureWindows({ meta: systemRequestMeta("test") });
    const before = await lastAuditId();
    for (let i = 0; i < 4; i++) await browser.signIn("typo@test.local", "x");
    expect(await flushClosedFailureWindows({ meta: systemRequestMeta("test") })).toBe(0);
    advance(15 * 60 + 1);
    expect(await flushClosedFailureWindows({ meta: systemRequestMeta("test") })).toBe(1);
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => r.type)).toEqual(["auth.sign_in_failed", "auth.failed_attempts_summarized"]);
    expect(rows[1].error).toMatch(/^3 more failed sign-in attempts from IP 198\.51\.100\.50 for account typo@test\.local between/);
    expect(await db.failedAttemptWindow.count({ where: { ip: "198.51.100.50" } })).toBe(0);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
