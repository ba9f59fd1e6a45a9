import "server-only";
import { db } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { env } from "@/lib/env";
import { readAuditAnchor, type AuditAnchor } from "./audit-anchor";

export type AuditAnchorStatus =
  | { kind: "not_configured" }
  | { kind: "none_yet"; file: string }
  | { kind: "ok"; file: string; anchor: AuditAnchor; headKeyed: boolean }
  | { kind: "broken"; file: string; anchor: AuditAnchor | null; reason: string };

const ANCHOR_TIME = (anchor: AuditAnchor) => `${anchor.anchoredAt.slice(0, 19).replace("T", " ")} UTC`;

/**
 * Checks the database against the anchor kept outside it: the row that was the head when the
 * anchor was written must still be there with the same hash (rows deleted from the end, or a
 * chain rewritten up to there, fail this), and the first keyed row must still be keyed.
 */
export async function checkAuditAnchor(options: { file?: string } = {}): Promise<AuditAnchorStatus> {
  const file = options.file ?? env().HEADROOM_AUDIT_ANCHOR_FILE;
  if (!file) return { kind: "not_configured" };
  let anchor: AuditAnchor | null;
  try {
    anchor = readAuditAnchor(file);
  } catch (error) {
    return { kind: "broken", file, anchor: null, reason: `the anchor file cannot be read: ${describeError(error)}` };
  }
  if (!anchor) return { kind: "none_yet", file };
  const head = await db.auditEvent.findUnique({ where: { id: BigInt(anchor.headId) }, select: { hash: true, hashAlg: true } });
  if (!head) {
    return { kind: "broken", file, anchor, reason: `row #${anchor.headId}, the head of the chain when it was anchored at ${ANCHOR_TIME(anchor)}, is gone: rows were deleted from the end of the audit trail` };
  }
  if (head.hash !== anchor.headHash) {
    return { kind: "broken", file, anchor, reason: `row #${anchor.headId} no longer has the hash anchored at ${ANCHOR_TIME(anchor)}: the chain up to it was rewritten` };
  }
  if (anchor.keyedFromId) {
    const first = await db.auditEvent.findUnique({ where: { id: BigInt(anchor.keyedFromId) }, select: { hashAlg: true } });
    if (first?.hashAlg !== "hmac-sha256") {
      return { kind: "broken", file, anchor, reason: `row #${anchor.keyedFromId}, the first keyed row, is ${first ? "no longer keyed" : "gone"}: the chain was rewritten without the audit key` };
    }
  }
  return { kind: "ok", file, anchor, headKeyed: head.hashAlg === "hmac-sha256" };
}
