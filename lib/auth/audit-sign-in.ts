import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/generated/prisma/enums";

/** A successful sign-in, whichever provider. */
export async function auditSignIn(options: { user: { id: number; email: string; role: Role }; provider: string; meta: RequestMeta | null }) {
  await db.$transaction(
    (tx) => appendAuditEvent(tx, { type: "auth.sign_in", outcome: "ok", actor: auditActorOf(options.user), data: { provider: options.provider } }, { meta: options.meta }),
    AUDIT_TX_OPTIONS,
  );
}

/** A failed sign-in: the email tried (never the password) and why, in the server's words. */
export async function auditFailedSignIn(options: { provider: string; email: string | null; reason: string; meta: RequestMeta | null; denied?: boolean }) {
  await db.$transaction(
    (tx) =>
      appendAuditEvent(
        tx,
        {
          type: "auth.sign_in_failed",
          outcome: options.denied ? "denied" : "failed",
          actor: { kind: "anonymous", label: options.email?.slice(0, 320) ?? null },
          error: options.reason,
          data: { provider: options.provider },
        },
        { meta: options.meta },
      ),
    AUDIT_TX_OPTIONS,
  );
}
