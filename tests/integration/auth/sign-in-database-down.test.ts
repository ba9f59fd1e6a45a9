import { afterAll, describe, expect, it } from "vitest";
import { proxyTestDatabase } from "@/tests/support/tcp-proxy";

// The console reaches the real test database through a proxy the test can cut, so the same
// sign-in runs with the database up, gone, and back.
const proxy = await proxyTestDatabase();

const { db } = await import("@/lib/db");
const { authOptions } = await import("@/lib/auth/options");
const { seedDemo } = await import("@/supervisor/seed-demo");
const { describeCredentialsError } = await import("@/lib/auth/sign-in-error");

type CredentialsOptions = { authorize: (credentials: unknown, req: unknown) => Promise<unknown> };
const authorize = (credentials: unknown) =>
  (authOptions({ meta: { ip: null, userAgent: "test", requestId: "r" } }).providers[0] as unknown as { options: CredentialsOptions }).options.authorize(credentials, { headers: {} });
// What next-auth hands the form: the thrown message as `error`, or CredentialsSignin for null.
const formMessage = (credentials: unknown) =>
  authorize(credentials).then(
    (user) => (user ? "signed in" : describeCredentialsError("CredentialsSignin")),
    (error: Error) => describeCredentialsError(error.message),
  );

afterAll(async () => {
  await db.$disconnect();
  await proxy.close();
});

describe("sign-in while the database is down", () => {
  it("says the service is unavailable, not that the password is wrong, and works again once it is back", async () => {
    await seedDemo({ db, password: "correct horse", targets: [], inboxUrl: "http://127.0.0.1:1/hooks/slack" });
    const lead = { email: "lead@headroom.local", password: "correct horse" };
    expect(await formMessage(lead)).toBe("signed in");
    expect(await formMessage({ ...lead, password: "wrong" })).toBe("Wrong email or password.");

    await proxy.cut();
    await expect(authorize(lead)).rejects.toThrow(/^DatabaseUnavailable$/);
    expect(await formMessage(lead)).toBe("Headroom cannot reach its database right now; try again in a minute.");
    expect(await formMessage({ ...lead, password: "wrong" })).toBe("Headroom cannot reach its database right now; try again in a minute.");

    await proxy.restore();
    expect(await formMessage(lead)).toBe("signed in");
  });
});
