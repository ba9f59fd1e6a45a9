import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditActor, RefusalOutcome } from "@/lib/audit/audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { ActionOutcome, ActionView } from "@/lib/remediation/action-view";

const CODES: Record<RefusalOutcome, string> = {
  unauthenticated: "UNAUTHENTICATED",
  denied: "FORBIDDEN",
  invalid: "INVALID_INPUT",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  expired: "EXPIRED",
  error: "INTERNAL",
};

/** Records an attempt that was not allowed to go ahead, then answers it in plain words. */
export async function refuseAttempt(options: {
  type: "remediation.refused" | "remediation.decision_refused";
  outcome: RefusalOutcome;
  message: string;
  actor: AuditActor;
  meta: RequestMeta | null;
  at: Date;
  target?: { id: number | null; slug: string } | null;
  actionId?: string | null;
  remediationId?: number | null;
  incidentId?: number | null;
  parameters?: unknown;
  breakGlass?: boolean;
  fieldErrors?: Record<string, string>;
  data?: Record<string, unknown>;
  action?: ActionView;
}): Promise<ActionOutcome> {
  await appendAuditEvent({
    now: options.at,
    meta: options.meta,
    event: {
      type: options.type,
      outcome: options.outcome,
      actor: options.actor,
      target: options.target ?? null,
      actionId: options.actionId ?? null,
      remediationId: options.remediationId ?? null,
      incidentId: options.incidentId ?? null,
      parameters: options.parameters,
      error: options.message,
      breakGlass: options.breakGlass ?? false,
      data: { ...options.data, ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}) },
    },
  });
  return {
    ok: false,
    code: CODES[options.outcome],
    message: options.message,
    ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}),
    ...(options.action ? { action: options.action } : {}),
  };
}
