import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

afterAll(() => db.$disconnect());

const meta = { ip: "192.0.2.1", userAgent: "audit-test", requestId: "req-audit" };
const append = (n: number) =>
  db.$transaction(
    (tx) =>
      appendAuditEvent(
        tx,
        {
          type: "remediation.refused",
          outcome: "denied",
          actor: { kind: "user", id: n, label: `user${n}@test.local`, role: "viewer" },
          target: { id: 1, slug: "api" },
          actionId: "cache-cleanup",
          parameters: { attempt: n, nested: { z: 1, a: [1, 2.5, "x"] } },
          error: "Your role (viewer) may not run Clear expired cache entries",
        },
        { meta },
      ),
    AUDIT_TX_OPTIONS,
  );

/** The verify script as an operator runs it, against this test's database. */
function runVerifyScript() {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts"], {
    encoding: "utf8",
    env: { ...process.env },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("the audit trail is append-only in the database", () => {
  it("keeps a linear chain under concurrent appends", async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => append(i + 1)));
    const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows).toHaveLength(25);
    rows.forEach((row, i) => expect(row.prevHash).toBe(i === 0 ? "0".repeat(64) : rows[i - 1].hash));
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 25, headHash: rows.at(-1)!.hash });
    expect(runVerifyScript()).toMatchObject({ code: 0, out: expect.stringMatching(/audit chain intact: 25 rows verified/) });
  });

  it("rejects UPDATE, DELETE and TRUNCATE", async () => {
    await expect(db.$executeRaw`UPDATE audit_events SET outcome = 'ok' WHERE id = 3`).rejects.toThrow(/append-only: UPDATE is not allowed/);
    await expect(db.$executeRaw`DELETE FROM audit_events WHERE id = 3`).rejects.toThrow(/append-only: DELETE is not allowed/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    await expect(db.auditEvent.update({ where: { id: 3n }, data: { outcome: "ok" } })).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count()).toBe(25);
  });

  it("rejects a row that does not link to the newest one", async () => {
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const forge = (id: bigint, prev: string) =>
      db.$executeRaw`INSERT INTO audit_events (id, at, type, outcome, actor_kind, prev_hash, hash) VALUES (${id}, now(), 'auth.sign_in', 'ok', 'system', ${prev}, ${"f".repeat(64)})`;
    await expect(forge(last.id + 100n, "e".repeat(64))).rejects.toThrow(/audit chain: row \d+ does not follow row/);
    await expect(forge(last.id - 1n, last.hash)).rejects.toThrow(/does not follow/);
  });

  it("detects an edit made around the trigger and names the row", async () => {
    await db.$transaction([
      db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"),
      db.$executeRaw`UPDATE audit_events SET outcome = 'accepted', error = NULL WHERE id = 7`,
      db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only"),
    ]);
    const status = await verifyAuditChain();
    expect(status).toMatchObject({ ok: false, checked: 6, firstBad: { id: "7", reason: expect.stringMatching(/content does not match its hash/) } });
    const script = runVerifyScript();
    expect(script.code).toBe(1);
    expect(script.out).toMatch(/audit chain BROKEN at row #7 .*: its content does not match its hash/);
  });

  it("detects a rewritten row whose hash was recomputed too, at the next row", async () => {
    // Someone fixes row 7 back, then deletes row 12 and rewrites row 11's hash to hide it: the link of row 13 breaks.
    await db.$transaction([
      db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"),
      db.$executeRaw`UPDATE audit_events SET outcome = 'denied', error = 'Your role (viewer) may not run Clear expired cache entries' WHERE id = 7`,
      db.$executeRaw`DELETE FROM audit_events WHERE id = 12`,
      db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only"),
    ]);
    const status = await verifyAuditChain();
    expect(status).toMatchObject({ ok: false, checked: 11, firstBad: { id: "13", reason: expect.stringMatching(/link to the previous row #11 is broken/) } });
  });

  it("survives values PostgreSQL would refuse (NUL bytes) and huge parameters", async () => {
    const fresh = await db.auditEvent.count();
    expect(fresh).toBe(24);
    // The chain is broken at 13 already; appends still work and hash what the database stores.
    await db.$transaction((tx) =>
      appendAuditEvent(
          tx,
          { type: "auth.sign_in_failed", outcome: "failed", actor: { kind: "anonymous", label: "a\u0000b@test" }, parameters: { blob: "y".repeat(20_000), k: "\u0000" } },
          { meta: { ip: null, userAgent: "evil\u0000agent", requestId: "x" } },
        ),
      );
      const row = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(row).toMatchObject({ userAgent: "evilagent", actorLabel: "ab@test", parameters: { truncated: true } });
    });
  });
  