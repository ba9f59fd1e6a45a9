import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { readChainVerification } from "@/lib/audit/chain-verification-state";
import { recordFullVerification } from "@/lib/audit/record-full-verification";
import { sweepAuditChain } from "@/lib/audit/sweep-audit-chain";
import { verifyAuditChainIncrementally } from "@/lib/audit/verify-audit-chain-incrementally";
import { walkAuditChain } from "@/lib/audit/verify-audit-chain";

afterAll(() => db.$disconnect());

const append = async (count: number) => {
  for (let n = 0; n < count; n += 1) {
    await db.$transaction(
      (tx) => appendAuditEvent(tx, { type: "target.changed", outcome: "ok", actor: { kind: "user", id: 1, label: "admin@test.local", role: "admin" }, parameters: { n } }),
      AUDIT_TX_OPTIONS,
    );
  }
};

/** As a superuser with direct access would: around the append-only trigger. */
async function tamper(sql: string) {
  await db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER USER");
  try {
    await db.$executeRawUnsafe(sql);
  } finally {
    await db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER USER");
  }
}

const ids = async () => (await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
const HOUR = 3_600_000;

beforeEach(async () => {
  await db.$executeRawUnsafe("DELETE FROM audit_chain_verification");
  await tamper("DELETE FROM audit_events");
  await append(12);
});

describe("verifyAuditChainIncrementally", () => {
  it("walks the whole chain once, then only the rows appended since", async () => {
    const first = await verifyAuditChainIncrementally();
    expect(first).toMatchObject({ ok: true, checked: 12, newlyChecked: 12 });
    expect(first.fullVerifiedAt).not.toBeNull();
    await append(3);
    const last = (await ids()).at(-1)!;
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 15, newlyChecked: 3, headId: last.toString() });
    // The head moves (a write) only once enough time or rows have gone by: until then the few rows past it are checked again.
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 15, newlyChecked: 3 });
    expect(await verifyAuditChainIncrementally({ now: new Date(Date.now() + 31_000) })).toMatchObject({ ok: true, checked: 15, newlyChecked: 3 });
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 15, newlyChecked: 0 });
  });

  it("reports a new row that does not check out", async () => {
    await verifyAuditChainIncrementally();
    await append(2);
    const bad = (await ids()).at(-1)!;
    await tamper(`UPDATE audit_events SET parameters = '{"n": 999}' WHERE id = ${bad}`);
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: false, checked: 13, firstBad: { id: bad.toString(), reason: expect.stringMatching(/content does not match its hash/) } });
  });

  it("reports rows cut off the end through the verified head, which a walk alone cannot see", async () => {
    await verifyAuditChainIncrementally();
    const all = await ids();
    await tamper(`DELETE FROM audit_events WHERE id >= ${all[9]}`);
    expect(await walkAuditChain()).toMatchObject({ ok: true, checked: 9 });
    const status = await verifyAuditChainIncrementally();
    expect(status).toMatchObject({ ok: false, firstBad: { id: all[11].toString(), reason: expect.stringMatching(/the verified head of the chain at .* is gone: rows were deleted from the end/) } });
    // The finding stays: a later full walk that passes does not clear it while the head is gone.
    await append(1);
    expect(await recordFullVerification({ startedAt: new Date(), checked: 10, head: null })).toMatchObject({ id: all[11].toString() });
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: false, firstBad: { id: all[11].toString() } });
  });

  it("does not trust a verified head written without the audit key", async () => {
    await verifyAuditChainIncrementally();
    const all = await ids();
    // Someone with database access edits an old row, then claims everything up to the end verified.
    await tamper(`UPDATE audit_events SET parameters = '{"n": 500}' WHERE id = ${all[4]}`);
    await db.$executeRawUnsafe(`UPDATE audit_chain_verification SET head_checked = 12, verified_at = now(), mac = repeat('0', 64)`);
    expect(await readChainVerification()).toBeNull();
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: false, checked: 4, firstBad: { id: all[4].toString() } });
  });
});

describe("sweepAuditChain", () => {
  it("re-verifies every row a slice at a time on its schedule, and its finding reaches the page until a full walk passes", async () => {
    const now = new Date();
    await verifyAuditChainIncrementally({ now });
    const all = await ids();
    // An edit behind the verified head: new-row checks cannot see it.
    await tamper(`UPDATE audit_events SET parameters = '{"n": 700}' WHERE id = ${all[7]}`);
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 12 });

    const options = { intervalMs: HOUR, maxRows: 5 };
    expect(await sweepAuditChain({ ...options, now: new Date(now.getTime() + HOUR / 2) })).toEqual({ kind: "idle" });
    const later = new Date(now.getTime() + HOUR + 1);
    expect(await sweepAuditChain({ ...options, now: later })).toEqual({ kind: "progress", checked: 5 });
    expect(await sweepAuditChain({ ...options, now: later })).toEqual({ kind: "broken" });
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: false, checked: 7, firstBad: { id: all[7].toString(), reason: expect.stringMatching(/content does not match/) } });
    expect(await sweepAuditChain({ ...options, now: later })).toEqual({ kind: "broken" });

    // Put back as it was (say, from a backup): a full walk that passes clears the finding.
    await tamper(`UPDATE audit_events SET parameters = '{"n": 7}' WHERE id = ${all[7]}`);
    const walked = await walkAuditChain();
    expect(walked).toMatchObject({ ok: true, checked: 12 });
    if (!walked.ok) return;
    expect(await recordFullVerification({ startedAt: later, checked: walked.checked, head: walked.head })).toBeNull();
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 12, fullVerifiedAt: later.toISOString() });
  });

  it("finishes a sweep and then waits for the interval", async () => {
    const start = new Date(Date.now() + 2 * HOUR);
    const options = { intervalMs: HOUR, maxRows: 5 };
    expect(await sweepAuditChain({ ...options, now: start })).toEqual({ kind: "progress", checked: 5 });
    await append(1);
    expect(await sweepAuditChain({ ...options, now: start })).toEqual({ kind: "progress", checked: 10 });
    expect(await sweepAuditChain({ ...options, now: start })).toEqual({ kind: "done", checked: 13, startedAt: start });
    expect(await sweepAuditChain({ ...options, now: new Date(start.getTime() + HOUR / 2) })).toEqual({ kind: "idle" });
    expect(await verifyAuditChainIncrementally()).toMatchObject({ ok: true, checked: 13, newlyChecked: 0, fullVerifiedAt: start.toISOString() });
  });
});
