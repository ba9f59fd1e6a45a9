"use server";

import { defineAction } from "@/lib/actions/define-action";
import { remediationRequest } from "@/lib/actions/record-loaders";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import { approveAction } from "@/lib/remediation/request/approve-action";
import { rejectAction } from "@/lib/remediation/request/reject-action";
import { withdrawAction } from "@/lib/remediation/request/withdraw-action";
import { decisionInputSchema } from "@/lib/remediation/request/run-action-input";

const decision = { audit: "remediation.decision_refused", input: decisionInputSchema, permission: "approve:remediation", record: remediationRequest } as const;

/** A lead approves another person's destructive request; it runs at once. */
export const approveRemediation: (input: unknown) => Promise<ActionOutcome> = defineAction({
  ...decision,
  run: ({ input, user, meta }) => approveAction({ actor: { kind: "user", ...user }, input, context: { meta } }),
});

export const rejectRemediation: (input: unknown) => Promise<ActionOutcome> = defineAction({
  ...decision,
  run: ({ input, user, meta }) => rejectAction({ actor: { kind: "user", ...user }, input, context: { meta } }),
});

/** The requester takes back their own waiting request; whoever may ask for a destructive action may withdraw it. */
export const withdrawRemediation: (input: unknown) => Promise<ActionOutcome> = defineAction({
  ...decision,
  permission: "run:remediation:disruptive",
  run: ({ input, user, meta }) => withdrawAction({ actor: { kind: "user", ...user }, input, context: { meta } }),
});
