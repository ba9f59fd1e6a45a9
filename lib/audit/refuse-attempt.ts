import "server-only";
import { db } from "@/lib/db";
import { APP_ERROR_CODES, type AppErrorCode } from "@/lib/errors";
import type { Refusal } from "@/lib/actions/action-result";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "./append-audit-event";
import type { AuditActor, AuditEventInput, RefusableEventType } from "./audit-event";
import type { RequestMeta } from "./request-meta";

export type RefusedAttempt = {
  /** The event type of the action that was refused; the outcome comes from the code (lib/errors). */
  type: RefusableEventType;
  code: AppErrorCode;
  message: string;
  actor: AuditActor;
  meta: RequestMeta | null;
  at?: Date;
  target?: { id: number | null; slug: string } | null;
  actionId?: string | null;
  remediationId?: number | null;
  incidentId?: number | null;
  /** What was submitted, already without secrets. */
  parameters?: unknown;
  breakGlass?: boolean;
  fieldErrors?: Record<string, string>;
  data?: Record<string, unknown>;
};

/**
 * The one way a refused attempt is recorded, by the server-action chain and by lib code that
 * refuses on its own (remediation policies call lib directly): one audit row in its own
 * transaction, then the refusal in plain words.
 */
export async function refuseAttempt(attempt: RefusedAttempt): Promise<Refusal> {
  const fieldErrors = attempt.fieldErrors ? { fieldErrors: attempt.fieldErrors } : {};
  await db.$transaction(
    (tx) =>
      appendAuditEvent(
        tx,
        {
          type: attempt.type,
          outcome: APP_ERROR_CODES[attempt.code].outcome,
          actor: attempt.actor,
          target: attempt.target ?? null,
          actionId: attempt.actionId ?? null,
          remediationId: attempt.remediationId ?? null,
          incidentId: attempt.incidentId ?? null,
          parameters: attempt.parameters,
          error: attempt.message,
          breakGlass: attempt.breakGlass ?? false,
          data: { ...attempt.data, ...fieldErrors },
        } as AuditEventInput,
        { meta: attempt.meta, now: attempt.at },
      ),
    AUDIT_TX_OPTIONS,
  );
  return { ok: false, code: attempt.code, message: attempt.message, ...fieldErrors };
}
