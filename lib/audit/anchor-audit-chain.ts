import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { writeAuditAnchor } from "./audit-anchor";
import { checkAuditAnchor, type AuditAnchorStatus } from "./check-audit-anchor";
import { verifyAuditChain, type AuditChainStatus } from "./verify-audit-chain";

export type AnchorOutcome =
  | { kind: "not_configured" }
  | { kind: "anchored"; headId: string; rowsVerified: number }
  | { kind: "unchanged"; headId: string | null }
  | { kind: "refused"; reason: string; anchor: AuditAnchorStatus | null; chain: AuditChainStatus | null };

/**
 * Writes the chain's head to the anchor file, after checking the old anchor against the database
 * and verifying every row appended since it. A chain that no longer matches its anchor is never
 * anchored again: the evidence stays until someone looks.
 */
export async function anchorAuditChain(options: { file?: string; now?: Date } = {}): Promise<AnchorOutcome> {
  const file = options.file ?? env().HEADROOM_AUDIT_ANCHOR_FILE;
  if (!file) return { kind: "not_configured" };
  const previous = await checkAuditAnchor({ file });
  if (previous.kind === "broken") return { kind: "refused", reason: previous.reason, anchor: previous, chain: null };
  const after = previous.kind === "ok" ? { id: BigInt(previous.anchor.headId), hash: previous.anchor.headHash, keyed: previous.headKeyed } : undefined;
  const chain = await verifyAuditChain({ after });
  if (!chain.ok) return { kind: "refused", reason: `row #${chain.firstBad.id}: ${chain.firstBad.reason}`, anchor: previous, chain };
  if (!chain.headId || !chain.headHash) return { kind: "unchanged", headId: previous.kind === "ok" ? previous.anchor.headId : null };
  const keyedFrom =
    (previous.kind === "ok" ? previous.anchor.keyedFromId : null) ??
    (await db.auditEvent.findFirst({ where: { hashAlg: "hmac-sha256" }, orderBy: { id: "asc" }, select: { id: true } }))?.id.toString() ??
    null;
  writeAuditAnchor(file, { version: 1, headId: chain.headId, headHash: chain.headHash, keyedFromId: keyedFrom, anchoredAt: (options.now ?? new Date()).toISOString() });
  return { kind: "anchored", headId: chain.headId, rowsVerified: chain.checked };
}
