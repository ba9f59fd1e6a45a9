import "server-only";
import { db } from "@/lib/db";
import { GENESIS_HASH, hashAuditRow, hashedContentOf, type StoredAuditRow } from "./hash-audit-row";

export type AuditChainStatus =
  | { ok: true; checked: number; headId: string | null; headHash: string | null }
  | { ok: false; checked: number; firstBad: { id: string; at: string; reason: string } };

/**
 * Walks the whole chain in id order and recomputes every hash. An edited row fails its own
 * hash; a removed or re-ordered row breaks the link of the row after it. The head hash is
 * worth keeping elsewhere: only a copy of it can show that rows were cut off the end.
 */
export async function verifyAuditChain(options: { batchSize?: number } = {}): Promise<AuditChainStatus> {
  const batchSize = options.batchSize ?? 2_000;
  let previous: { id: bigint; hash: string } | null = null;
  let checked = 0;
  for (;;) {
    const rows: StoredAuditRow[] = await db.auditEvent.findMany({
      where: previous ? { id: { gt: previous.id } } : {},
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      const reason = checkRow(row, previous);
      if (reason) return { ok: false, checked, firstBad: { id: row.id.toString(), at: row.at.toISOString(), reason } };
      previous = { id: row.id, hash: row.hash };
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  return { ok: true, checked, headId: previous?.id.toString() ?? null, headHash: previous?.hash ?? null };
}

function checkRow(row: StoredAuditRow, previous: { id: bigint; hash: string } | null): string | null {
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return previous
      ? `its link to the previous row #${previous.id} is broken (a row between them was removed, or #${previous.id} was rewritten)`
      : "the first row does not start the chain (rows before it were removed)";
  }
  if (hashAuditRow(hashedContentOf(row)) !== row.hash) return "its content does not match its hash (it was changed after it was written)";
  return null;
}
