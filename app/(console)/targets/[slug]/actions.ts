"use server";

import type { ActionOutcome } from "@/lib/remediation/action-view";
import { auditedServerAction } from "@/lib/remediation/audited-server-action";
import { runAction } from "@/lib/remediation/run/run-action";

/** Runs (or, for destructive actions, requests) a runbook action on a target. */
export async function requestRemediation(input: unknown): Promise<ActionOutcome> {
  return auditedServerAction({
    refusedType: "remediation.refused",
    permission: "run:remediation:safe",
    input,
    run: (actor, meta) => runAction({ actor, input, context: { meta } }),
  });
}
