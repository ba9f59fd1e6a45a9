import "server-only";
import { toActionView } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { decideApproval } from "@/lib/remediation/request/decide-approval";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";

/** A lead turns a destructive request down; it never runs. */
export async function rejectAction(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const decided = await decideApproval({ ...options, ctx, decision: "reject" });
  if (decided.kind === "answered") return decided.outcome;
  return { ok: true, action: toActionView(decided.row), duplicate: false };
}
