import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { maskUrlPath } from "@/lib/mask-url-password";
import { assertOutboundAllowed } from "@/lib/net/check-outbound-url";
import { channelEvents, DEFAULT_REPEAT_INTERVAL_SECONDS } from "./channel-events";

export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "the webhook must be an http(s) URL" })
  .max(2000, { error: "the webhook URL is too long" });

export const channelInputSchema = z.object({
  name: z.string().trim().min(1, { error: "name the channel" }).max(100),
  url: webhookUrlSchema,
  events: z.array(z.enum(channelEvents)).min(1, { error: "choose at least one event" }),
  repeatIntervalSeconds: z.number().int().min(10, { error: "repeat at most every 10 seconds" }).max(7 * 86_400).default(DEFAULT_REPEAT_INTERVAL_SECONDS),
});
export type ChannelInput = z.input<typeof channelInputSchema>;

type Actor = { id: number; email: string; role: string };
const masked = (url: string | null | undefined) => (url ? maskUrlPath(url) : null);

/**
 * Adds a channel (or with `channelId` changes one) for a target or, with `targetId: null`, for
 * every target. Audited as `webhook.changed` in the same transaction; the audit row keeps the
 * URL's scheme and host only (a Slack URL's path is its secret).
 */
export async function saveNotificationChannel(options: {
  channelId?: number;
  targetId: number | null;
  channel: ChannelInput;
  actor: Actor;
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<{ id: number }> {
  const parsed = channelInputSchema.safeParse(options.channel);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "url");
    throw new AppError("INVALID_INPUT", `${field}: ${issue.message}`, { fieldErrors: { [field]: issue.message } });
  }
  const input = parsed.data;
  await assertOutboundAllowed({ url: input.url, field: "url" });
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const target = options.targetId === null ? null : await tx.target.findUnique({ where: { id: options.targetId }, select: { id: true, slug: true } });
    if (options.targetId !== null && !target) throw new AppError("NOT_FOUND", "No such target.");
    const old = options.channelId === undefined ? null : await tx.notificationChannel.findFirst({ where: { id: options.channelId, targetId: options.targetId } });
    if (options.channelId !== undefined && !old) throw new AppError("NOT_FOUND", `No channel #${options.channelId} here.`);
    const data = { ...input, updatedAt: now, updatedByEmail: options.actor.email };
    const saved = old
      ? await tx.notificationChannel.update({ where: { id: old.id }, data, select: { id: true } })
      : await tx.notificationChannel.create({ data: { ...data, kind: "webhook", targetId: options.targetId, createdAt: now }, select: { id: true } });
    await appendAuditEvent(
      tx,
      {
        type: "webhook.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target,
        parameters: { old: masked(old?.url), new: masked(input.url) },
        data: { change: old ? "updated" : "created", channelId: saved.id, scope: target ? "target" : "global", name: input.name, events: input.events, repeatIntervalSeconds: input.repeatIntervalSeconds },
      },
      { meta: options.meta, now },
    );
    return saved;
  }, AUDIT_TX_OPTIONS);
}

/** Removes a channel; deliveries already recorded keep their history (their channel becomes null). */
export async function removeNotificationChannel(options: { channelId: number; targetId: number | null; actor: Actor; meta?: RequestMeta | null; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  await db.$transaction(async (tx) => {
    const old = await tx.notificationChannel.findFirst({ where: { id: options.channelId, targetId: options.targetId }, include: { target: { select: { id: true, slug: true } } } });
    if (!old) throw new AppError("NOT_FOUND", `No channel #${options.channelId} here.`);
    await tx.notificationChannel.delete({ where: { id: old.id } });
    await appendAuditEvent(
      tx,
      {
        type: "webhook.changed",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target: old.target,
        parameters: { old: masked(old.url), new: null },
        data: { change: "removed", channelId: old.id, scope: old.target ? "target" : "global", name: old.name },
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
