import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/ingest/route";
import { GET as getMemory } from "@/app/api/v1/targets/[slug]/memory/route";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { auditRowsAfter, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

let token = "";
let clock = Date.now();
vi.useFakeTimers({ toFake: ["Date"], now: clock });
const body = () => JSON.stringify({ samples: [{ metric: "system.memory.used", timestamp: new Date(clock).toISOString(), value: 100 }] });
// proxy.ts sets the client address header from the socket; the routes read only that.
const push = (auth: string, ip: string) =>
  POST(new Request("http://test/api/v1/ingest", { method: "POST", body: body(), headers: { "content-type": "application/json", authorization: auth, "x-headroom-client-ip": ip } }));
const read = (auth: string, ip: string) =>
  getMemory(new Request("http://test/api/v1/targets/limited/memory", { headers: { authorization: auth, "x-headroom-client-ip": ip } }), { params: Promise.resolve({ slug: "limited" }) });

beforeAll(async () => {
  const target = await db.target.create({ data: { slug: "limited", name: "Limited", baseUrl: "http://127.0.0.1:1" } });
  token = (await createIngestToken({ targetId: target.id, name: "ci", actor: await insertUser("admin") })).token;
});
afterAll(async () => {
  vi.useRealTimers();
  await db.$disconnect();
});

describe("bad ingest tokens are limited per address", () => {
  it("answers 401 twenty times, then locks the address (429 with Retry-After, even for a good token) with one audit row", async () => {
    const before = await lastAuditId();
    for (let i = 0; i < 20; i++) expect((await push(`Bearer hr_guess${i}`, "192.0.2.77")).status).toBe(401);
    expect((await read("Bearer hr_guess-read", "192.0.2.77")).status).toBe(401);
    const locked = await push(`Bearer ${token}`, "192.0.2.77");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("30");
    expect(await locked.json()).toMatchObject({ error: "RATE_LIMITED", message: "Too many requests with bad tokens from this address: try again in 30 s." });
    expect((await read(`Bearer ${token}`, "192.0.2.77")).status).toBe(429);

    // Another address is not affected; the locked one is let in again once the lock has passed.
    expect((await push(`Bearer ${token}`, "192.0.2.78")).status).toBe(200);
    clock += 31_000;
    vi.setSystemTime(clock);
    expect((await push(`Bearer ${token}`, "192.0.2.77")).status).toBe(200);

    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.ip])).toEqual([["ingest.token_refused", "unauthenticated", "192.0.2.77"]]);
    expect(rows[0].data).toMatchObject({ tokenPrefix: "hr_guess0" });
    const window = await db.failedAttemptWindow.findUniqueOrThrow({ where: { kind_subject_ip: { kind: "ingest-token", subject: "", ip: "192.0.2.77" } } });
    expect(window.unrecorded).toBe(22);
  });
});
