import "server-only";
import { unstable_rethrow } from "next/navigation";
import { requirePermission, requireUser, type CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import type { AuditActor, RefusalOutcome } from "@/lib/audit/audit-event";
import { readRequestMeta } from "@/lib/audit/read-request-meta";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError, type AppErrorCode } from "@/lib/errors";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationActor } from "@/lib/remediation/actor";
import { refuseAttempt } from "@/lib/remediation/refuse-attempt";

const OUTCOMES: Partial<Record<AppErrorCode, RefusalOutcome>> = {
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "denied",
  INVALID_INPUT: "invalid",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
};

/**
 * The chain every remediation server action is built from: requireUser → requirePermission →
 * one lib/ call (which re-checks against the loaded target). Whatever stops the attempt, a
 * missing session included, is audited before a safe message goes back to the page.
 */
export async function auditedServerAction<T = ActionOutcome>(options: {
  refusedType: "remediation.refused" | "remediation.decision_refused";
  permission: Permission;
  input: unknown;
  run: (actor: RemediationActor, meta: RequestMeta) => Promise<T>;
}): Promise<T | Extract<ActionOutcome, { ok: false }>> {
  const meta = await readRequestMeta();
  let user: CurrentUser | null = null;
  try {
    user = await requireUser();
    requirePermission(user, options.permission);
    return await options.run({ kind: "user", ...user }, meta);
  } catch (error) {
    unstable_rethrow(error);
    const known = error instanceof AppError ? error : null;
    if (!known) console.error("remediation server action failed:", error);
    const actor: AuditActor = user ? { kind: "user", id: user.id, label: user.email, role: user.role } : { kind: "anonymous" };
    const raw = (options.input ?? {}) as Record<string, unknown>;
    try {
      return (await refuseAttempt({
        type: options.refusedType,
        outcome: (known && OUTCOMES[known.code]) ?? "error",
        message: known?.message ?? "Something went wrong on the server; the attempt was recorded. Check the action's state before trying again.",
        actor,
        meta,
        at: new Date(),
        target: typeof raw.targetSlug === "string" ? { id: null, slug: raw.targetSlug.slice(0, 63) } : null,
        actionId: typeof raw.actionId === "string" ? raw.actionId.slice(0, 64) : null,
        remediationId: Number.isInteger(raw.remediationId) && (raw.remediationId as number) > 0 ? (raw.remediationId as number) : null,
        parameters: options.input,
      })) as Extract<ActionOutcome, { ok: false }>;
    } catch (auditError) {
      console.error("could not audit a refused remediation attempt:", auditError);
      return { ok: false, code: "UNAVAILABLE", message: "The console could not record this attempt, so it did nothing. Try again in a moment." };
    }
  }
}
