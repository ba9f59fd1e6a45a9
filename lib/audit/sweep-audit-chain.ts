import "server-only";
import { readChainVerification, updateChainVerification } from "./chain-verification-state";
import { recordFullVerification } from "./record-full-verification";
import { EMPTY_VERIFICATION, recordChainFinding } from "./verify-audit-chain-incrementally";
import { walkAuditChain } from "./verify-audit-chain";

export type SweepStep = { kind: "idle" } | { kind: "broken" } | { kind: "progress"; checked: number } | { kind: "done"; checked: number; startedAt: Date };

/**
 * One slice of the scheduled full verification: every `intervalMs` a walk from the first row
 * starts, and each call verifies at most `maxRows` more rows, so that a long chain never holds
 * the worker's other loops up for long. Where it got to is kept in audit_chain_verification,
 * so a restarted worker carries on. A bad row stops it and stays reported until
 * `npm run audit:verify` passes.
 */
export async function sweepAuditChain(options: { now: Date; intervalMs: number; maxRows: number }): Promise<SweepStep> {
  const state = await readChainVerification();
  if (state?.broken) return { kind: "broken" };
  if (!state?.sweep && state?.fullVerifiedAt && options.now.getTime() - state.fullVerifiedAt.getTime() < options.intervalMs) return { kind: "idle" };
  const sweep = state?.sweep ?? { after: null, checked: 0, startedAt: options.now };
  const walked = await walkAuditChain({ after: sweep.after ?? undefined, maxRows: options.maxRows });
  if (!walked.ok) {
    await recordChainFinding({ ...walked.firstBad, checked: sweep.checked + walked.checked, foundAt: options.now.toISOString() });
    return { kind: "broken" };
  }
  const checked = sweep.checked + walked.checked;
  const after = walked.head ?? sweep.after;
  if (walked.checked < options.maxRows) {
    const finding = await recordFullVerification({ startedAt: sweep.startedAt, checked, head: after });
    return finding ? { kind: "broken" } : { kind: "done", checked, startedAt: sweep.startedAt };
  }
  await updateChainVerification((current) => ({ ...(current ?? EMPTY_VERIFICATION), sweep: { after, checked, startedAt: sweep.startedAt } }));
  return { kind: "progress", checked };
}
