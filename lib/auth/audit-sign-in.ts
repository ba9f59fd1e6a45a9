import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/generated/prisma/enums";
import { closeFailureWindows, recordFailedAttempt } from "@/lib/limits/failed-attempt-windows";

/** A successful sign-in, whichever provider; the account's failed attempts before it are summarised first. */
export async function auditSignIn(options: { user: { id: number; email: string; role: Role }; provider: string; meta: RequestMeta | null }) {
  await db.$transaction(async (tx) => {
    await closeFailureWindows({ tx, kind: "sign-in", subject: options.user.email, meta: options.meta });
    await appendAuditEvent(tx, { type: "auth.sign_in", outcome: "ok", actor: auditActorOf(options.user), data: { provider: options.provider } }, { meta: options.meta });
  }, AUDIT_TX_OPTIONS);
}

/**
 * A failed sign-in: the email tried (never the password) and why, in the server's words. The
 * first of a window is its own audit row, the rest are summarised (lib/limits/failed-attempt-windows.ts).
 * `anyAccount`: refused for the address whatever the account, so counted once for all of them.
 */
export async function auditFailedSignIn(options: {
  provider: string;
  email: string | null;
  reason: string;
  meta: RequestMeta | null;
  outcome?: "failed" | "denied" | "locked";
  anyAccount?: boolean;
}) {
  await recordFailedAttempt({
    kind: "sign-in",
    subject: options.anyAccount ? "*" : (options.email ?? ""),
    meta: options.meta,
    reason: options.reason,
    outcome: options.outcome ?? "failed",
    data: { provider: options.provider },
  });
}
