import "server-only";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RemediationActor } from "@/lib/remediation/actor";
import { decideApproval } from "@/lib/remediation/request/decide-approval";
import { executeAction } from "@/lib/remediation/run/execute-action";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";

/** A lead approves someone else's destructive request; it then runs at once, as the approver. */
export async function approveAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const decided = await decideApproval({ ...options, ctx, decision: "approve" });
  if (decided.kind === "answered") return decided.outcome;
  return executeAction({ id: decided.row.id, runner: auditActorOf(options.actor), ctx });
}
