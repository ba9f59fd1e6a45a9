import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { Role } from "@/lib/generated/prisma/enums";

/** A successful sign-in, whichever provider. */
export async function auditSignIn(options: { user: { id: number; email: string; role: Role }; provider: string; meta: RequestMeta | null }) {
  await appendAuditEvent({
    meta: options.meta,
    event: {
      type: "auth.sign_in",
      outcome: "ok",
      actor: { kind: "user", id: options.user.id, label: options.user.email, role: options.user.role },
      data: { provider: options.provider },
    },
  });
}

/** A failed sign-in: the email tried (never the password) and why, in the server's words. */
export async function auditFailedSignIn(options: { provider: string; email: string | null; reason: string; meta: RequestMeta | null; denied?: boolean }) {
  await appendAuditEvent({
    meta: options.meta,
    event: {
      type: "auth.sign_in_failed",
      outcome: options.denied ? "denied" : "failed",
      actor: { kind: "anonymous", label: options.email?.slice(0, 320) ?? null },
      error: options.reason,
      data: { provider: options.provider },
    },
  });
}
