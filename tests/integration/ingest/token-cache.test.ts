import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateIngestToken, createIngestToken } from "@/lib/ingest/ingest-tokens";
import { insertUser } from "@/tests/support/user-fixtures";

let targetId = 0;
let admin: Awaited<ReturnType<typeof insertUser>>;
beforeAll(async () => {
  targetId = (await db.target.create({ data: { slug: "cached-token", name: "Cached token", baseUrl: "http://127.0.0.1:1" } })).id;
  admin = await insertUser("admin");
});
afterAll(() => db.$disconnect());

describe("the good-token cache", () => {
  it("lets a read trust a token for its bound, never a push: a token revoked elsewhere pushes nothing", async () => {
    const { token, id } = await createIngestToken({ targetId, name: "pusher", actor: admin });
    const bearer = `Bearer ${token}`;
    expect(await authenticateIngestToken(bearer, { trustCached: true })).toMatchObject({ targetId });
    // Revoked by another web process: this one's cache does not hear of it.
    await db.ingestToken.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await authenticateIngestToken(bearer)).toBeNull();
    expect(await authenticateIngestToken(bearer, { trustCached: true })).toMatchObject({ targetId });
  });
});
