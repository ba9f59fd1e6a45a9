"use client";

import { useState } from "react";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";
import { approveRemediation, rejectRemediation, withdrawRemediation } from "@/app/(console)/approvals/actions";

/**
 * Approve or reject someone else's destructive request, or withdraw your own. The server decides
 * (own request, role, expiry); these buttons only save a round trip. An approval answers at once;
 * the worker runs the action and its record follows the run.
 */
export function ApprovalControls({ action, viewerId, onDone }: { action: ActionView; viewerId: number; onDone: (outcome: ActionOutcome) => void }) {
  const [comment, setComment] = useState("");
  const [pending, setPending] = useState<"approve" | "reject" | "withdraw" | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  async function decide(decision: "approve" | "reject" | "withdraw") {
    setPending(decision);
    const call = decision === "approve" ? approveRemediation : decision === "reject" ? rejectRemediation : withdrawRemediation;
    const result = await call({ remediationId: action.id, comment: comment.trim() || undefined }).catch(
      (error: Error): ActionOutcome => ({ ok: false, code: "NETWORK", message: `The console did not answer: ${error.message}` }),
    );
    setOutcome(result);
    setPending(null);
    onDone(result);
  }
  if (action.requestedBy.id === viewerId) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs" data-testid="withdraw-controls">
        <span className="text-muted">You asked for this: another lead approves it.</span>
        <button type="button" disabled={pending !== null} onClick={() => decide("withdraw")} className="rounded-md border border-edge px-3 py-1 disabled:opacity-60">
          {pending === "withdraw" ? "Withdrawing…" : `Withdraw request #${action.id}`}
        </button>
        {outcome && !outcome.ok && <p role="alert" className="w-full text-crit" data-testid="withdraw-error">✕ {outcome.message}</p>}
      </div>
    );
  }
  const inputId = `approval-comment-${action.id}`;
  return (
    <div className="mt-3 border-t border-edge pt-2" data-testid="approval-controls">
      <label htmlFor={inputId} className="block text-xs text-muted">Comment (optional)</label>
      <input id={inputId} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} className="mt-1 w-full rounded-md border border-edge bg-surface px-2 py-1" />
      <div className="mt-2 flex gap-2">
        <button type="button" disabled={pending !== null} onClick={() => decide("approve")} className="rounded-md bg-accent px-3 py-1 font-semibold text-surface disabled:opacity-60">
          {pending === "approve" ? "Approving…" : `Approve and run #${action.id}`}
        </button>
        <button type="button" disabled={pending !== null} onClick={() => decide("reject")} className="rounded-md border border-edge px-3 py-1 disabled:opacity-60">
          {pending === "reject" ? "Rejecting…" : "Reject"}
        </button>
      </div>
      {outcome && !outcome.ok && (
        <p role="alert" className="mt-2 rounded border border-crit/50 bg-crit/10 px-2 py-1 text-crit" data-testid="approval-error">✕ {outcome.message}</p>
      )}
      {outcome?.ok && (
        <p role="status" className="mt-2 text-ok" data-testid="approval-result">
          {outcome.action.state === "approved"
            ? `✓ Approved: the worker runs ${outcome.action.label} now; its record shows the progress.`
            : `${outcome.action.label}: ${outcome.action.state.replace("_", " ")}`}
          {outcome.action.error ? ` — ${outcome.action.error}` : ""}
        </p>
      )}
    </div>
  );
}
