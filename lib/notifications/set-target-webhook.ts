import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "the webhook must be an http(s) URL" })
  .max(2000, { error: "the webhook URL is too long" });

/** Sets (or with `url: null` removes) a target's webhook. */
export async function setTargetWebhook(options: {
  targetId: number;
  url: string | null;
  actor: { email: string };
  now?: Date;
}): Promise<void> {
  if (options.url === null) {
    await db.targetWebhook.deleteMany({ where: { targetId: options.targetId } });
    return;
  }
  const parsed = webhookUrlSchema.safeParse(options.url.trim());
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0].message);
  const data = { url: parsed.data, updatedAt: options.now ?? new Date(), updatedByEmail: options.actor.email };
  await db.targetWebhook.upsert({ where: { targetId: options.targetId }, create: { targetId: options.targetId, ...data }, update: data });
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
