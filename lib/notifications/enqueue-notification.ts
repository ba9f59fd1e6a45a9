import "server-only";
import type { AuditTx } from "@/lib/audit/append-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelEvent } from "./channel-events";

/** The channels that hear a target's events: its own and the global ones. */
const channelsOf = (targetId: number) => ({ OR: [{ targetId }, { targetId: null }] });

/** The channels that hear `event` for a target (its own and the global ones), optionally only some of them. */
export const subscribedChannels = (options: { targetId: number; event: ChannelEvent; channelIds?: number[] }) => ({
  ...channelsOf(options.targetId),
  events: { has: options.event },
  ...(options.channelIds ? { id: { in: options.channelIds } } : {}),
});

/** Whether anyone would hear this target at all (the timeline says so when nobody would). */
export async function hasNotificationChannel(tx: Pick<Prisma.TransactionClient, "notificationChannel">, targetId: number): Promise<boolean> {
  return (await tx.notificationChannel.count({ where: channelsOf(targetId) })) > 0;
}

/**
 * Queues one delivery per channel that subscribes to `event` for this target, in the caller's
 * transaction (the change it announces and its notifications commit together). The deliverer
 * sends them in order per (target, channel), with the retries of lib/notifications.
 */
export async function enqueueNotification(options: {
  tx: AuditTx;
  targetId: number;
  incidentId: number | null;
  event: ChannelEvent;
  payload: unknown;
  now: Date;
  maxAttempts: number;
  /** Only these channels (a re-notify goes to the channels that are due). */
  channelIds?: number[];
}): Promise<bigint[]> {
  const { tx, targetId, now } = options;
  const channels = await tx.notificationChannel.findMany({
    where: subscribedChannels({ targetId, event: options.event, channelIds: options.channelIds }),
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const ids: bigint[] = [];
  for (const channel of channels) {
    const row = await tx.notificationDelivery.create({
      data: {
        targetId,
        incidentId: options.incidentId,
        channelId: channel.id,
        kind: options.event,
        payload: options.payload as Prisma.InputJsonValue,
        maxAttempts: options.maxAttempts,
        nextAttemptAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}
