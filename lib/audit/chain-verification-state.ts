import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma, type AuditChainVerification } from "@/lib/generated/prisma/client";
import { canonicalJson } from "./hash-audit-row";
import type { ChainPoint } from "./verify-audit-chain";

/** The first bad row a verification found, kept until `npm run audit:verify` passes. */
export type ChainFinding = { id: string; at: string; reason: string; checked: number; foundAt: string };

/** What has been verified of the chain (table audit_chain_verification, one row). */
export type ChainVerificationState = {
  /** The newest row verified, and how many rows up to it verify. */
  head: (ChainPoint & { checked: number; verifiedAt: Date }) | null;
  /** The scheduled full walk in progress: the row it has verified up to (null: not started), rows so far. */
  sweep: { after: ChainPoint | null; checked: number; startedAt: Date } | null;
  fullVerifiedAt: Date | null;
  broken: ChainFinding | null;
};

type Columns = Omit<AuditChainVerification, "id" | "mac">;

function toColumns(state: ChainVerificationState): Columns {
  return {
    headId: state.head?.id ?? null,
    headHash: state.head?.hash ?? null,
    headKeyed: state.head?.keyed ?? false,
    headChecked: BigInt(state.head?.checked ?? 0),
    verifiedAt: state.head?.verifiedAt ?? null,
    sweepId: state.sweep?.after?.id ?? null,
    sweepHash: state.sweep?.after?.hash ?? null,
    sweepKeyed: state.sweep?.after?.keyed ?? false,
    sweepChecked: BigInt(state.sweep?.checked ?? 0),
    sweepStartedAt: state.sweep?.startedAt ?? null,
    fullVerifiedAt: state.fullVerifiedAt,
    broken: state.broken,
  };
}

function fromColumns(c: Columns): ChainVerificationState {
  const point = (id: bigint | null, hash: string | null, keyed: boolean): ChainPoint | null => (id !== null && hash !== null ? { id, hash, keyed } : null);
  const head = point(c.headId, c.headHash, c.headKeyed);
  const sweepAfter = point(c.sweepId, c.sweepHash, c.sweepKeyed);
  return {
    head: head && c.verifiedAt ? { ...head, checked: Number(c.headChecked), verifiedAt: c.verifiedAt } : null,
    sweep: c.sweepStartedAt ? { after: sweepAfter, checked: Number(c.sweepChecked), startedAt: c.sweepStartedAt } : null,
    fullVerifiedAt: c.fullVerifiedAt,
    broken: (c.broken as ChainFinding | null) ?? null,
  };
}

/** Keyed like the chain: without HEADROOM_AUDIT_KEY nobody can write a state that reads back. */
function macOf(c: Columns): string {
  const text = canonicalJson({
    ...c,
    headId: c.headId?.toString() ?? null,
    headChecked: c.headChecked.toString(),
    sweepId: c.sweepId?.toString() ?? null,
    sweepChecked: c.sweepChecked.toString(),
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    sweepStartedAt: c.sweepStartedAt?.toISOString() ?? null,
    fullVerifiedAt: c.fullVerifiedAt?.toISOString() ?? null,
  });
  const key = env().HEADROOM_AUDIT_KEY;
  return (key ? createHmac("sha256", key) : createHash("sha256")).update(`audit-chain-verification:${text}`).digest("hex");
}

function checked(row: AuditChainVerification | null): ChainVerificationState | null {
  if (!row) return null;
  const { id: _id, mac, ...columns } = row;
  const expected = Buffer.from(macOf(columns));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? fromColumns(columns) : null;
}

/** The verified state, or null when there is none or its mac does not check out (then nothing is known verified). */
export async function readChainVerification(): Promise<ChainVerificationState | null> {
  return checked(await db.auditChainVerification.findUnique({ where: { id: 1 } }));
}

/**
 * Changes the state under a row lock, so that concurrent verifiers (page loads, the worker)
 * merge their results instead of overwriting each other's. `change` gets the current state
 * (null when absent or not trusted) and returns the new one.
 */
export async function updateChainVerification(change: (current: ChainVerificationState | null) => ChainVerificationState): Promise<ChainVerificationState> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO audit_chain_verification (id, mac) VALUES (1, '') ON CONFLICT (id) DO NOTHING`;
    const [row] = await tx.$queryRaw<AuditChainVerification[]>`
      SELECT id, head_id AS "headId", head_hash AS "headHash", head_keyed AS "headKeyed", head_checked AS "headChecked",
        verified_at AS "verifiedAt", sweep_id AS "sweepId", sweep_hash AS "sweepHash", sweep_keyed AS "sweepKeyed",
        sweep_checked AS "sweepChecked", sweep_started_at AS "sweepStartedAt", full_verified_at AS "fullVerifiedAt", broken, mac
      FROM audit_chain_verification WHERE id = 1 FOR UPDATE`;
    const next = change(checked(row ?? null));
    const columns = toColumns(next);
    await tx.auditChainVerification.update({ where: { id: 1 }, data: { ...columns, broken: columns.broken ?? Prisma.DbNull, mac: macOf(columns) } });
    return next;
  });
}
