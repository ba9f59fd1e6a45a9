import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { anchorAuditChain } from "@/lib/audit/anchor-audit-chain";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { checkAuditAnchor } from "@/lib/audit/check-audit-anchor";
import { hashAuditRow, hashedContentOf } from "@/lib/audit/hash-audit-row";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

afterAll(() => db.$disconnect());

const append = (n: number) =>
  db.$transaction(
    (tx) => appendAuditEvent(tx, { type: "target.changed", outcome: "ok", actor: { kind: "user", id: 1, label: "admin@test.local", role: "admin" }, parameters: { change: n } }),
    AUDIT_TX_OPTIONS,
  );

/** As a superuser with direct access would: around the append-only trigger, in one transaction. */
async function tamper(statements: (tx: typeof db) => Promise<unknown>[]) {
  await db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER USER");
  try {
    for (const statement of statements(db)) await statement;
  } finally {
    await db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER USER");
  }
}

/** Rewrites row `id` and recomputes its hash and every later one with plain SHA-256, as someone without the key can. */
async function rewriteWithPlainSha256(id: bigint, change: Record<string, unknown>, options: { markUnkeyed: boolean }) {
  const rows = await db.auditEvent.findMany({ where: { id: { gte: id } }, orderBy: { id: "asc" } });
  const before = await db.auditEvent.findFirst({ where: { id: { lt: id } }, orderBy: { id: "desc" } });
  let prevHash = before?.hash ?? "0".repeat(64);
  const rewritten = rows.map((row, i) => {
    const content = { ...hashedContentOf(row), ...(i === 0 ? change : {}), prevHash };
    prevHash = hashAuditRow(content);
    return { id: row.id, content, hash: prevHash };
  });
  await tamper((tx) => [
    // Temporary hashes first: the new ones must not collide with old ones on the unique index.
    tx.$executeRaw`UPDATE audit_events SET hash = md5(id::text) || md5(id::text || 'x') WHERE id >= ${id}`,
    ...rewritten.map((r) =>
      tx.$executeRaw`UPDATE audit_events SET parameters = ${JSON.stringify(r.content.parameters)}::jsonb, prev_hash = ${r.content.prevHash}, hash = ${r.hash},
        hash_alg = ${options.markUnkeyed ? "sha256" : "hmac-sha256"} WHERE id = ${r.id}`,
    ),
  ]);
}

function runVerifyScript(env: Record<string, string>) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts"], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

let anchorFile: string;
beforeEach(async () => {
  anchorFile = path.join(mkdtempSync(path.join(tmpdir(), "headroom-anchor-")), "audit-anchor.json");
  // A wiped trail is reported by the verified head audit:verify records (as it should be): each test starts without one.
  await tamper((tx) => [tx.$executeRawUnsafe("DELETE FROM audit_events"), tx.$executeRawUnsafe("DELETE FROM audit_chain_verification")]);
  for (let n = 1; n <= 8; n += 1) await append(n);
});

describe("the audit chain is keyed", () => {
  it("stores every new row with an HMAC-SHA-256 hash that plain SHA-256 does not reproduce", async () => {
    const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.every((r) => r.hashAlg === "hmac-sha256")).toBe(true);
    expect(hashAuditRow(hashedContentOf(rows[0]))).not.toBe(rows[0].hash);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 8 });
  });

  it("detects a row rewritten with every later hash recomputed in plain SHA-256", async () => {
    const third = (await db.auditEvent.findMany({ orderBy: { id: "asc" } }))[2];
    await rewriteWithPlainSha256(third.id, { parameters: { change: 300 } }, { markUnkeyed: false });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, checked: 2, firstBad: { id: third.id.toString(), reason: expect.stringMatching(/content does not match its hash/) } });
  });

  it("detects the same rewrite when the rows are also marked unkeyed", async () => {
    const third = (await db.auditEvent.findMany({ orderBy: { id: "asc" } }))[2];
    await rewriteWithPlainSha256(third.id, { parameters: { change: 300 } }, { markUnkeyed: true });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, checked: 2, firstBad: { id: third.id.toString(), reason: expect.stringMatching(/unkeyed hash after keyed rows/) } });
  });

  it("refuses to verify with a different key, and says the key may be the cause", () => {
    const script = runVerifyScript({ HEADROOM_AUDIT_KEY: "another-key-another-key-another-key-0000" });
    expect(script.code).toBe(1);
    expect(script.out).toMatch(/audit chain BROKEN at row #\d+ .*or HEADROOM_AUDIT_KEY is not the key it was written with/);
  });
});

describe("the audit chain is anchored outside the database", () => {
  it("writes the head to the anchor file and checks it", async () => {
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    const first = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(await checkAuditAnchor({ file: anchorFile })).toEqual({ kind: "none_yet", file: anchorFile });
    expect(await anchorAuditChain({ file: anchorFile })).toEqual({ kind: "anchored", headId: head.id.toString(), rowsVerified: 8 });
    expect(JSON.parse(readFileSync(anchorFile, "utf8"))).toMatchObject({ version: 1, headId: head.id.toString(), headHash: head.hash, keyedFromId: first.id.toString() });
    expect(await checkAuditAnchor({ file: anchorFile })).toMatchObject({ kind: "ok" });
    // Only rows after the anchor are verified again.
    await append(9);
    expect(await anchorAuditChain({ file: anchorFile })).toMatchObject({ kind: "anchored", rowsVerified: 1 });
  });

  it("detects the last rows deleted, which the chain alone cannot show", async () => {
    await anchorAuditChain({ file: anchorFile });
    const last = await db.auditEvent.findMany({ orderBy: { id: "desc" }, take: 3 });
    await tamper((tx) => [tx.$executeRaw`DELETE FROM audit_events WHERE id >= ${last[2].id}`]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 5 });
    expect(await checkAuditAnchor({ file: anchorFile })).toMatchObject({
      kind: "broken",
      reason: expect.stringMatching(new RegExp(`^row #${last[0].id}, the head of the chain when it was anchored at .* is gone: rows were deleted from the end`)),
    });
    // New rows chain onto the shortened trail; the anchor keeps the evidence instead of moving on.
    await append(10);
    expect(await anchorAuditChain({ file: anchorFile })).toMatchObject({ kind: "refused" });
    expect(JSON.parse(readFileSync(anchorFile, "utf8")).headId).toBe(last[0].id.toString());
    const script = runVerifyScript({ HEADROOM_AUDIT_ANCHOR_FILE: anchorFile });
    expect(script.code).toBe(1);
    expect(script.out).toMatch(/audit chain intact: 6 rows verified/);
    expect(script.out).toMatch(/anchor MISMATCH .* is gone: rows were deleted from the end/);
  });

  it("detects a whole chain rewritten in plain SHA-256 from its first keyed row", async () => {
    await anchorAuditChain({ file: anchorFile });
    const first = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await rewriteWithPlainSha256(first.id, { parameters: { change: 100 } }, { markUnkeyed: true });
    // Every row is now a consistent plain chain: only the anchor shows it.
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    expect(await checkAuditAnchor({ file: anchorFile })).toMatchObject({ kind: "broken", reason: expect.stringMatching(/no longer has the hash anchored at .*: the chain up to it was rewritten/) });
  });
});
