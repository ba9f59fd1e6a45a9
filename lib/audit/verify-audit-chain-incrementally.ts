import "server-only";
import { db } from "@/lib/db";
import { readChainVerification, updateChainVerification, type ChainFinding, type ChainVerificationState } from "./chain-verification-state";
import { walkAuditChain, type AuditChainStatus, type ChainPoint } from "./verify-audit-chain";

export type IncrementalChainStatus = AuditChainStatus & {
  /** When the last walk from the first row started; rows before the verified head were checked then. */
  fullVerifiedAt: string | null;
  /** Rows this call checked (those appended since the last verification). */
  newlyChecked: number;
};

const HEAD_WRITE_ROWS = 500;
const HEAD_WRITE_MS = 30_000;

export const EMPTY_VERIFICATION: ChainVerificationState = { head: null, sweep: null, fullVerifiedAt: null, broken: null };

const timeOf = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;

/** Keeps the first finding: the evidence stays until `npm run audit:verify` passes. */
export async function recordChainFinding(finding: ChainFinding): Promise<ChainFinding> {
  const state = await updateChainVerification((current) => ({ ...(current ?? EMPTY_VERIFICATION), sweep: null, broken: current?.broken ?? finding }));
  return state.broken ?? finding;
}

/** The newer of two verified heads (verifiers run concurrently; a head never moves back). */
export function newerHead(a: ChainVerificationState["head"], b: ChainVerificationState["head"]): ChainVerificationState["head"] {
  if (!a) return b;
  if (!b) return a;
  return b.id > a.id ? b : a;
}

/**
 * The verified head must still be in the table with the hash it was verified with: a walk
 * cannot see rows cut off the end, and a chain rewritten up to the head changes its hash.
 */
export async function checkVerifiedHead(options: { head: NonNullable<ChainVerificationState["head"]>; now: Date }): Promise<ChainFinding | null> {
  const { head } = options;
  const row = await db.auditEvent.findUnique({ where: { id: head.id }, select: { hash: true } });
  if (row?.hash === head.hash) return null;
  const reason = row
    ? `row #${head.id} no longer has the hash it was verified with at ${timeOf(head.verifiedAt)}: the chain up to it was rewritten`
    : `row #${head.id}, the verified head of the chain at ${timeOf(head.verifiedAt)}, is gone: rows were deleted from the end of the audit trail`;
  return { id: head.id.toString(), at: head.verifiedAt.toISOString(), reason, checked: Math.max(0, head.checked - 1), foundAt: options.now.toISOString() };
}

function brokenStatus(finding: ChainFinding, fullVerifiedAt: Date | null, newlyChecked: number): IncrementalChainStatus {
  return { ok: false, checked: finding.checked, firstBad: { id: finding.id, at: finding.at, reason: finding.reason }, fullVerifiedAt: fullVerifiedAt?.toISOString() ?? null, newlyChecked };
}

/**
 * The audit page's check: the rows appended since the last verified head, not the whole chain.
 * The head (table audit_chain_verification, keyed like the chain) must still be there with the
 * hash it was verified with, so rows cut off the end or a chain rewritten up to it show at once;
 * an edit further back shows at the next full walk (the worker's scheduled sweep, or
 * `npm run audit:verify`), whose finding this reports until audit:verify passes. Without a
 * trusted head it walks the whole chain, once, and remembers where it got to.
 */
export async function verifyAuditChainIncrementally(options: { now?: Date } = {}): Promise<IncrementalChainStatus> {
  const now = options.now ?? new Date();
  const state = await readChainVerification();
  if (state?.broken) return brokenStatus(state.broken, state.fullVerifiedAt, 0);
  const head = state?.head ?? null;
  const headFinding = head ? await checkVerifiedHead({ head, now }) : null;
  if (headFinding) return brokenStatus(await recordChainFinding(headFinding), state?.fullVerifiedAt ?? null, 0);
  const walked = await walkAuditChain({ after: head ?? undefined });
  const before = head?.checked ?? 0;
  if (!walked.ok) {
    const finding = await recordChainFinding({ ...walked.firstBad, checked: before + walked.checked, foundAt: now.toISOString() });
    return brokenStatus(finding, state?.fullVerifiedAt ?? null, walked.checked);
  }
  // Without a head the walk started at the first row: a full verification.
  const full = head === null;
  const reached: ChainPoint | null = walked.head ?? head;
  const verified = reached ? { ...reached, checked: before + walked.checked, verifiedAt: now } : null;
  let fullVerifiedAt = state?.fullVerifiedAt ?? null;
  // Moving the head is a write; a few rows past it cost less to check again than to write on
  // every load, so it moves once enough rows or time have gone by.
  const due = walked.checked >= HEAD_WRITE_ROWS || (walked.checked > 0 && now.getTime() - (head?.verifiedAt.getTime() ?? 0) >= HEAD_WRITE_MS);
  if (due || !state || (full && !fullVerifiedAt)) {
    const saved = await updateChainVerification((current) => {
      const base = current ?? EMPTY_VERIFICATION;
      const previousFull = base.fullVerifiedAt?.getTime() ?? -Infinity;
      return { ...base, head: newerHead(base.head, verified), fullVerifiedAt: full && now.getTime() > previousFull ? now : base.fullVerifiedAt };
    });
    fullVerifiedAt = saved.fullVerifiedAt;
  }
  return {
    ok: true,
    checked: before + walked.checked,
    headId: reached?.id.toString() ?? null,
    headHash: reached?.hash ?? null,
    fullVerifiedAt: fullVerifiedAt?.toISOString() ?? null,
    newlyChecked: walked.checked,
  };
}
