import "server-only";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { toActionView } from "@/lib/remediation/action-rows";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RemediationActor } from "@/lib/remediation/actor";
import { executeAction } from "@/lib/remediation/run/execute-action";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";
import { requestAction } from "@/lib/remediation/request/request-action";

/**
 * The one entry point for running a runbook action, for people (through the server action)
 * and policies alike: parse, authorize against the target, record the request, then either
 * wait for a second person (destructive actions) or run it with a timeout and record the outcome.
 * Never throws for a refusal: refusals come back as `{ ok: false }`, already audited.
 */
export async function runRemediation(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const requested = await requestAction({ actor: options.actor, input: options.input, ctx });
  if (requested.kind === "answered") return requested.outcome;
  if (!requested.immediate) return { ok: true, action: toActionView(requested.row), duplicate: false };
  return executeAction({ id: requested.row.id, runner: auditActorOf(options.actor), ctx });
}
