import "server-only";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditActor, RefusalOutcome } from "@/lib/audit/audit-event";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { getCurrentUser } from "@/lib/auth/session";

const OUTCOMES: Record<string, RefusalOutcome> = {
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "denied",
  INVALID_INPUT: "invalid",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
};

// What of a submitted form the audit row keeps: never a password, never Next's internal fields.
const RECORDED_FIELDS = ["userId", "email", "name", "role", "disabled"] as const;

function recordedParameters(formData: FormData): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of RECORDED_FIELDS) {
    const value = formData.get(field);
    if (typeof value === "string") kept[field] = value.slice(0, 320);
  }
  if (formData.has("password")) kept.password = "(not recorded)";
  return kept;
}

/**
 * Runs a user-administration form action (parse → requireUser → requirePermission → one lib
 * call → revalidate) through `runAction`; whatever refuses it — no session, not an admin, bad
 * input, a guard rail — is audited as `user.created` / `user.changed` with the refusal outcome.
 * A successful change writes its own audit row inside its transaction.
 */
export async function auditedUserAction(
  options: { type: "user.created" | "user.changed"; formData: FormData },
  body: (meta: RequestMeta) => Promise<string>,
): Promise<ActionResult> {
  const meta = await readRequestMeta();
  const result = await runAction(() => body(meta));
  if (result.ok) return result;
  try {
    const user = await getCurrentUser();
    const actor: AuditActor = user ? { kind: "user", id: user.id, label: user.email, role: user.role } : { kind: "anonymous" };
    await appendAuditEvent({
      meta,
      event: {
        type: options.type,
        outcome: OUTCOMES[result.code] ?? "error",
        actor,
        parameters: recordedParameters(options.formData),
        error: result.message,
      },
    });
  } catch (auditError) {
    console.error("could not audit a refused user change:", auditError);
    return { ok: false, code: "UNAVAILABLE", message: "The console could not record this attempt, so it changed nothing. Try again in a moment." };
  }
  return result;
}
