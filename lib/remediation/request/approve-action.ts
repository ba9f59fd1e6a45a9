import "server-only";
import { toActionView } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { decideApproval } from "@/lib/remediation/request/decide-approval";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";

/**
 * A lead approves someone else's destructive request. It is recorded as approved and the answer
 * comes back at once; the worker runs it, as the approver, while the page follows.
 */
export async function approveAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const decided = await decideApproval({ ...options, ctx, decision: "approve" });
  if (decided.kind === "answered") return decided.outcome;
  return { ok: true, action: toActionView(decided.row), duplicate: false };
}
