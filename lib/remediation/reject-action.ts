import "server-only";
import { toActionView } from "./action-rows";
import type { ActionOutcome } from "./action-view";
import type { RemediationActor } from "./actor";
import { decideApproval } from "./decide-approval";
import { resolveContext, type RemediationContext } from "./remediation-context";

/** A lead turns a destructive request down; it never runs. */
export async function rejectAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const decided = await decideApproval({ ...options, ctx, decision: "reject" });
  if (decided.kind === "answered") return decided.outcome;
  return { ok: true, action: toActionView(decided.row), duplicate: false };
}
