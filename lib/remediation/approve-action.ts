import "server-only";
import type { ActionOutcome } from "./action-view";
import { toAuditActor, type RemediationActor } from "./actor";
import { decideApproval } from "./decide-approval";
import { executeAction } from "./execute-action";
import { resolveContext, type RemediationContext } from "./remediation-context";

/** A lead approves someone else's destructive request; it then runs at once, as the approver. */
export async function approveAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const decided = await decideApproval({ ...options, ctx, decision: "approve" });
  if (decided.kind === "answered") return decided.outcome;
  return executeAction({ id: decided.row.id, runner: toAuditActor(options.actor), ctx });
}
