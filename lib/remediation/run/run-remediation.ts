import "server-only";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { toActionView } from "@/lib/remediation/action-rows";
import type { RemediationActor } from "@/lib/remediation/actor";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";
import { requestAction } from "@/lib/remediation/request/request-action";

/**
 * The one entry point for asking for a runbook action, for people (through the server action)
 * and policies alike: parse, authorize against the target, and record the request. It returns
 * at once: a destructive action waits for a second person, anything else for the worker, which
 * claims and runs it (lib/remediation/run/create-remediation-runner.ts) while the page follows.
 * Never throws for a refusal: refusals come back as `{ ok: false }`, already audited.
 */
export async function runRemediation(options: { actor: RemediationActor; input: unknown; context: RemediationContext }): Promise<ActionOutcome> {
  const ctx = resolveContext(options.context);
  const requested = await requestAction({ actor: options.actor, input: options.input, ctx });
  if (requested.kind === "answered") return requested.outcome;
  return { ok: true, action: toActionView(requested.row), duplicate: false };
}
