import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/ingest/route";
import { POST as remoteWrite } from "@/app/api/v1/write/route";
import { db } from "@/lib/db";
import { createIngestToken } from "@/lib/ingest/ingest-tokens";
import { closeDirectServer, SERIES_ENTRY_POINTS } from "@/tests/support/series-entry-points";
import { auditRowsAfter, insertUser, lastAuditId } from "@/tests/support/user-fixtures";

let token = "";
let clock = Date.now();
vi.useFakeTimers({ toFake: ["Date"], now: clock });
const body = () => JSON.stringify({ samples: [{ metric: "system.memory.used", timestamp: new Date(clock).toISOString(), value: 100 }] });
// proxy.ts sets the client address header from the socket; the routes read only that.
const push = (auth: string, ip: string) =>
  POST(new Request("http://test/api/v1/ingest", { method: "POST", body: body(), headers: { "content-type": "application/json", authorization: auth, "x-headroom-client-ip": ip } }));
const write = (auth: string, ip: string) =>
  remoteWrite(new Request("http://test/api/v1/write", { method: "POST", body: new Uint8Array(0), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy", authorization: auth, "x-headroom-client-ip": ip } }));

beforeAll(async () => {
  const target = await db.target.create({ data: { slug: "limited", name: "Limited", baseUrl: "http://127.0.0.1:1" } });
  token = (await createIngestToken({ targetId: target.id, name: "ci", actor: await insertUser("admin") })).token;
});
afterAll(async () => {
  vi.useRealTimers();
  await closeDirectServer();
  await db.$disconnect();
});

// Each entry point from its own addresses: the limits are per address, and the clock moves on.
describe.each(SERIES_ENTRY_POINTS.map((entry, i) => ({ ...entry, net: `192.0.${2 + i}` })))("bad ingest tokens are limited per address (series reads through $name)", ({ read: readSeries, net }) => {
  const read = (authorization: string, ip: string) => readSeries({ slug: "limited", authorization, ip });
  const [locked77, other78] = [`${net}.77`, `${net}.78`];
  it("answers 401 twenty times, then locks the address (429 with Retry-After, even for a good token) with one audit row", async () => {
    // A good read first: the address is now known unlocked to this process's reads.
    expect((await read(`Bearer ${token}`, locked77)).status).toBe(200);
    const before = await lastAuditId();
    for (let i = 0; i < 20; i++) expect((await push(`Bearer hr_guess${i}`, locked77)).status).toBe(401);
    expect((await read("Bearer hr_guess-read", locked77)).status).toBe(401);
    const locked = await push(`Bearer ${token}`, locked77);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("30");
    expect(await locked.json()).toMatchObject({ error: "RATE_LIMITED", message: "Too many requests with bad tokens from this address: try again in 30 s." });
    expect((await read(`Bearer ${token}`, locked77)).status).toBe(429);

    // Another address is not affected; the locked one is let in again once the lock has passed.
    expect((await push(`Bearer ${token}`, other78)).status).toBe(200);
    clock += 31_000;
    vi.setSystemTime(clock);
    expect((await push(`Bearer ${token}`, locked77)).status).toBe(200);

    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.ip])).toEqual([["ingest.token_refused", "unauthenticated", locked77]]);
    expect(rows[0].data).toMatchObject({ tokenPrefix: "hr_guess0" });
    const window = await db.failedAttemptWindow.findUniqueOrThrow({ where: { kind_subject_ip: { kind: "ingest-token", subject: "", ip: locked77 } } });
    expect(window.unrecorded).toBe(22);
  });
});

describe("bad ingest tokens are limited per address (remote_write)", () => {
  it("remote_write goes through the same door: its bad tokens count, and a locked address is refused there too", async () => {
    for (let i = 0; i < 20; i++) expect((await write(`Bearer hr_rw-guess${i}`, "192.0.2.90")).status).toBe(401);
    expect((await push("Bearer hr_guess-push", "192.0.2.90")).status).toBe(401);
    const locked = await write(`Bearer ${token}`, "192.0.2.90");
    // 429: Prometheus retries it after Retry-After rather than dropping the batch.
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("30");
    expect((await push(`Bearer ${token}`, "192.0.2.90")).status).toBe(429);
  });
});
