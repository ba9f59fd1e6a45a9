import { z } from "zod";
import { runbookActionIds } from "@/lib/diagnosis/runbook-actions";
import { recordIdSchema } from "@/lib/record-id";

/** What a caller of runRemediation sends; the action's own parameters are parsed by its catalogue schema. */
export const runActionInputSchema = z.object({
  targetSlug: z.string({ error: "choose a target" }).trim().min(1, { error: "choose a target" }).max(63),
  actionId: z.enum(runbookActionIds, { error: "unknown action" }),
  params: z.record(z.string(), z.unknown(), { error: "params must be an object" }).default({}),
  /** Generated once per dialog: a double click or a retried request carries the same key. */
  idempotencyKey: z.string({ error: "missing request id" }).regex(/^[A-Za-z0-9_-]{16,100}$/, { error: "request id must be 16-100 letters, digits, _ or -" }),
  /** The target's slug, typed by the person, for actions that ask for it. */
  confirmation: z.string().max(200).optional(),
  /** A lead running a destructive action alone while SEV-1 fires; needs a reason. */
  breakGlass: z.boolean().default(false),
  reason: z.string().trim().max(1000).optional(),
});
export type RunActionInput = z.input<typeof runActionInputSchema>;

export const decisionInputSchema = z.object({
  remediationId: recordIdSchema("remediationId"),
  comment: z.string().trim().max(1000).optional(),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;
