import "server-only";
import { db } from "@/lib/db";
import type { ChannelEvent } from "./channel-events";
import { maskWebhookUrl } from "./save-notification-channel";

export type ChannelView = {
  id: number;
  name: string;
  /** The secret one: render it for admins only. */
  url: string;
  maskedUrl: string;
  scope: "target" | "global";
  events: ChannelEvent[];
  repeatIntervalSeconds: number;
  updatedAt: string;
  updatedByEmail: string;
};

/** A target's own channels and the global ones (or, with `targetId: null`, the global ones only). */
export async function listNotificationChannels(options: { targetId: number | null }): Promise<ChannelView[]> {
  const rows = await db.notificationChannel.findMany({
    where: options.targetId === null ? { targetId: null } : { OR: [{ targetId: options.targetId }, { targetId: null }] },
    orderBy: [{ targetId: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    url: row.url,
    maskedUrl: maskWebhookUrl(row.url),
    scope: row.targetId === null ? "global" : "target",
    events: row.events as ChannelEvent[],
    repeatIntervalSeconds: row.repeatIntervalSeconds,
    updatedAt: row.updatedAt.toISOString(),
    updatedByEmail: row.updatedByEmail,
  }));
}
