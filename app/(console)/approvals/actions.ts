"use server";

import type { ActionOutcome } from "@/lib/remediation/action-view";
import { approveAction } from "@/lib/remediation/request/approve-action";
import { auditedServerAction } from "@/lib/remediation/audited-server-action";
import { rejectAction } from "@/lib/remediation/request/reject-action";

/** A lead approves another person's destructive request; it runs at once. */
export async function approveRemediation(input: unknown): Promise<ActionOutcome> {
  return auditedServerAction({
    refusedType: "remediation.decision_refused",
    permission: "approve:remediation",
    input,
    run: (actor, meta) => approveAction({ actor, input, context: { meta } }),
  });
}

export async function rejectRemediation(input: unknown): Promise<ActionOutcome> {
  return auditedServerAction({
    refusedType: "remediation.decision_refused",
    permission: "approve:remediation",
    input,
    run: (actor, meta) => rejectAction({ actor, input, context: { meta } }),
  });
}
