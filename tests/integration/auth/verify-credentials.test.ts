import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { DEMO_USERS, seedDemo } from "@/supervisor/seed-demo";

beforeAll(async () => {
  await seedDemo({ db, password: "correct horse", targets: [{ slug: "api", name: "API", baseUrl: "http://127.0.0.1:1" }], inboxUrl: "http://127.0.0.1:1/hooks/slack" });
});
afterAll(() => db.$disconnect());

describe("verifyCredentials against the users table", () => {
  it("stores bcrypt hashes, never the password", async () => {
    const users = await db.user.findMany({ select: { passwordHash: true } });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const { passwordHash } of users) {
      expect(passwordHash).toMatch(/^\$2[aby]\$10\$/);
      expect(await bcrypt.compare("correct horse", passwordHash!)).toBe(true);
    }
  });

  it.each(DEMO_USERS.map((u) => [u.email, u.role]))("signs in %s as %s", async (email, role) => {
    const user = await verifyCredentials({ email: email.toUpperCase(), password: "correct horse" });
    expect(user).toMatchObject({ email, role });
  });

  it("rejects a wrong password, an unknown email and malformed input", async () => {
    expect(await verifyCredentials({ email: "lead@headroom.local", password: "wrong" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@headroom.local", password: "correct horse" })).toBeNull();
    expect(await verifyCredentials({ email: "not-an-email", password: "correct horse" })).toBeNull();
    expect(await verifyCredentials(undefined)).toBeNull();
  });

  it("rejects a disabled account", async () => {
    await db.user.update({ where: { email: "viewer@headroom.local" }, data: { disabled: true } });
    expect(await verifyCredentials({ email: "viewer@headroom.local", password: "correct horse" })).toBeNull();
  });

  it("seeds only an empty database", async () => {
    expect(await seedDemo({ db, password: "other", targets: [], inboxUrl: "http://127.0.0.1:1/hooks/slack" })).toBe(false);
    expect(await db.user.count()).toBe(DEMO_USERS.length);
  });
});
