import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { GENESIS_HASH, hashAuditRow, hashedContentOf, type HashAlg, type StoredAuditRow } from "./hash-audit-row";

export type AuditChainStatus =
  | { ok: true; checked: number; headId: string | null; headHash: string | null }
  | { ok: false; checked: number; firstBad: { id: string; at: string; reason: string } };

/** A row the walk starts after (an anchor already checked), instead of the start of the chain. */
export type ChainPoint = { id: bigint; hash: string; keyed: boolean };

/**
 * Walks the chain in id order and recomputes every hash: HMAC-SHA-256 with HEADROOM_AUDIT_KEY,
 * or SHA-256 for rows from before the key. An edited row fails its own hash; a removed or
 * re-ordered row breaks the link of the row after it; a plain row after a keyed one is a
 * rewrite by someone without the key. Rows cut off the end show only against an anchor
 * (check-audit-anchor.ts). `maxRows` stops the walk after that many rows (a slice of a long
 * walk; the status's head is where the next slice starts).
 */
export async function verifyAuditChain(options: WalkOptions = {}): Promise<AuditChainStatus> {
  const walked = await walkAuditChain(options);
  if (!walked.ok) return walked;
  return { ok: true, checked: walked.checked, headId: walked.head?.id.toString() ?? null, headHash: walked.head?.hash ?? null };
}

type WalkOptions = { batchSize?: number; after?: ChainPoint; maxRows?: number };

/** verifyAuditChain's walk, ending at a ChainPoint a later walk can start after. */
export async function walkAuditChain(
  options: WalkOptions = {},
): Promise<{ ok: true; checked: number; head: ChainPoint | null } | Extract<AuditChainStatus, { ok: false }>> {
  const maxRows = options.maxRows ?? Infinity;
  const batchSize = Math.min(options.batchSize ?? 2_000, maxRows);
  const key = env().HEADROOM_AUDIT_KEY ?? null;
  let previous: ChainPoint | null = options.after ?? null;
  let checked = 0;
  for (;;) {
    const rows: StoredAuditRow[] = await db.auditEvent.findMany({
      where: previous ? { id: { gt: previous.id } } : {},
      orderBy: { id: "asc" },
      take: Math.min(batchSize, maxRows - checked),
    });
    for (const row of rows) {
      const reason = checkRow(row, previous, key);
      if (reason) return { ok: false, checked, firstBad: { id: row.id.toString(), at: row.at.toISOString(), reason } };
      previous = { id: row.id, hash: row.hash, keyed: row.hashAlg === "hmac-sha256" };
      checked += 1;
    }
    if (rows.length < batchSize || checked >= maxRows) break;
  }
  return { ok: true, checked, head: previous };
}

function checkRow(row: StoredAuditRow, previous: ChainPoint | null, key: string | null): string | null {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return previous
      ? `its link to the previous row #${previous.id} is broken (a row between them was removed, or #${previous.id} was rewritten)`
      : "the first row does not start the chain (rows before it were removed)";
  }
  const alg = row.hashAlg as HashAlg;
  if (alg !== "hmac-sha256" && alg !== "sha256") return `its hash algorithm "${row.hashAlg}" is not one Headroom writes`;
  if (alg === "sha256" && previous?.keyed) return "it carries an unkeyed hash after keyed rows (rewritten by someone without the audit key)";
  if (alg === "hmac-sha256" && !key) return "it is keyed, and HEADROOM_AUDIT_KEY is not set here: the chain cannot be checked without the key";
  if (hashAuditRow(hashedContentOf(row), { alg, key }) !== row.hash) {
    // At the first keyed row, a wrong key looks exactly like an edit.
    const orKey = alg === "hmac-sha256" && !previous?.keyed ? ", or HEADROOM_AUDIT_KEY is not the key it was written with" : "";
    return `its content does not match its hash (it was changed after it was written${orKey})`;
  }
  return null;
}
