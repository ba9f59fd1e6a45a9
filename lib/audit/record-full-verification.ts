import "server-only";
import { readChainVerification, updateChainVerification, type ChainFinding } from "./chain-verification-state";
import { checkVerifiedHead, EMPTY_VERIFICATION, newerHead, recordChainFinding } from "./verify-audit-chain-incrementally";
import type { ChainPoint } from "./verify-audit-chain";

/**
 * Records a walk from the first row to the end (npm run audit:verify, or the worker's sweep)
 * that found every row good. It clears an earlier finding only if the head verified before is
 * still on the chain with its hash: a walk cannot see rows cut off the end, the head can.
 * Returns the finding that stands, null when the chain is intact.
 */
export async function recordFullVerification(options: { startedAt: Date; checked: number; head: ChainPoint | null }): Promise<ChainFinding | null> {
  const known = (await readChainVerification())?.head ?? null;
  if (known) {
    const finding = await checkVerifiedHead({ head: known, now: new Date() });
    if (finding) return recordChainFinding(finding);
  }
  const walked = options.head ? { ...options.head, checked: options.checked, verifiedAt: options.startedAt } : null;
  await updateChainVerification((current) => {
    const base = current ?? EMPTY_VERIFICATION;
    return { head: newerHead(base.head, walked), sweep: null, fullVerifiedAt: options.startedAt, broken: null };
  });
  return null;
}
