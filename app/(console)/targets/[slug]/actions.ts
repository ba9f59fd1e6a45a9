"use server";

import { defineAction } from "@/lib/actions/define-action";
import { remediationTarget } from "@/lib/actions/record-loaders";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { runActionInputSchema } from "@/lib/remediation/request/run-action-input";
import { runRemediation } from "@/lib/remediation/run/run-remediation";

/**
 * Runs (or, for destructive actions, requests) a runbook action on a target. runRemediation
 * re-checks this action's own permission and rules, and audits what it refuses itself.
 */
export const requestRemediation: (input: unknown) => Promise<ActionOutcome> = defineAction({
  audit: "remediation.refused",
  input: runActionInputSchema,
  permission: "run:remediation:safe",
  record: remediationTarget,
  run: ({ input, user, meta }) => runRemediation({ actor: { kind: "user", ...user }, input, context: { meta } }),
});
