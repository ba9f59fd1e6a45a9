import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { maskUrlPath } from "@/lib/mask-url-password";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";

export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "the webhook must be an http(s) URL" })
  .max(2000, { error: "the webhook URL is too long" });

/**
 * Sets (or with `url: null` removes) a target's webhook, with its `webhook.changed` audit row in
 * the same transaction. The audit row keeps scheme and host only: a Slack URL's path is its secret.
 */
export async function setTargetWebhook(options: {
  targetId: number;
  url: string | null;
  actor: { id: number; email: string; role: string };
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<void> {
  const now = options.now ?? new Date();
  let url: string | null = null;
  if (options.url !== null) {
    const parsed = webhookUrlSchema.safeParse(options.url.trim());
    if (!parsed.success) throw new AppError("INVALID_INPUT", `url: ${parsed.error.issues[0].message}`, { fieldErrors: { url: parsed.error.issues[0].message } });
    url = parsed.data;
    await assertOutboundAllowed({ url, field: "url" });
  }
  await db.$transaction(async (tx) => {
    const target = await tx.target.findUnique({ where: { id: options.targetId }, select: { id: true, slug: true, webhook: { select: { url: true } } } });
    if (!target) throw new AppError("NOT_FOUND", "No such target.");
    if (url === null) {
      await tx.targetWebhook.deleteMany({ where: { targetId: options.targetId } });
    } else {
      const data = { url, updatedAt: now, updatedByEmail: options.actor.email };
      await tx.targetWebhook.upsert({ where: { targetId: options.targetId }, create: { targetId: options.targetId, ...data }, update: data });
    }
    const masked = (value: string | null | undefined) => (value ? maskUrlPath(value) : null);
    await appendAuditEvent(
      tx,
      {
        type: "webhook.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: { id: target.id, slug: target.slug },
        parameters: { old: masked(target.webhook?.url), new: masked(url) },
        data: { change: url === null ? "removed" : "saved" },
      },
      { meta: options.meta, now },
    );
  }, AUDIT_TX_OPTIONS);
}

/** The webhook as non-admins may see it: a Slack URL's path is its secret. */
export function maskWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 8 ? `${parsed.pathname.slice(0, 8)}…` : parsed.pathname;
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return "(invalid URL)";
  }
}
