import "server-only";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { claimDueNotifications, type ClaimedNotification } from "./claim-due-notifications";
import { recordDeliveryOutcome, type DeliveryOutcome } from "./record-delivery-outcome";
import { sendWebhook } from "./send-webhook";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

export type NotificationDeliverer = {
  /** Claims due notifications and starts their deliveries; does not wait for them. */
  tick(now: Date): Promise<number>;
  /** Waits for every delivery in flight. */
  drain(): Promise<void>;
  outcomes(): ReadonlyArray<{ id: bigint; outcome: DeliveryOutcome }>;
};

/**
 * Webhook delivery for one worker: concurrent up to `concurrency`, so a slow receiver holds
 * one slot for at most its timeout and never delays alert evaluation or the other targets.
 */
export function createNotificationDeliverer(options: {
  workerId: string;
  timeoutMs?: number;
  backoffSeconds?: number;
  concurrency?: number;
  log?: (line: string) => void;
}): NotificationDeliverer {
  const config = env();
  const timeoutMs = options.timeoutMs ?? config.NOTIFICATION_TIMEOUT_MS;
  const backoffBaseMs = (options.backoffSeconds ?? config.NOTIFICATION_BACKOFF_SECONDS) * 1000;
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? (() => {});
  const running = new Set<Promise<void>>();
  const recent: { id: bigint; outcome: DeliveryOutcome }[] = [];

  async function deliver(notification: ClaimedNotification, attemptedAt: Date) {
    const result =
      notification.url === null
        ? ({ ok: false, status: null, error: "the target's webhook was removed", permanent: true, retryAfterMs: null } as const)
        : await sendWebhook({ url: notification.url, payload: notification.payload, timeoutMs, now: attemptedAt.getTime() });
    const outcome = await recordDeliveryOutcome({ notification, result, attemptedAt, backoffBaseMs });
    headroomMetrics().notificationDeliveries.inc({ outcome });
    recent.push({ id: notification.id, outcome });
    if (recent.length > 100) recent.shift();
    if (!result.ok) log(`webhook for target ${notification.targetId} (notification ${notification.id}): ${outcome}: ${result.error}`);
  }

  return {
    async tick(now) {
      const free = concurrency - running.size;
      // A lease well past the timeout: a live worker always records before another may retry.
      const claimed = await claimDueNotifications({ now, workerId: options.workerId, leaseMs: timeoutMs + 60_000, limit: free });
      for (const notification of claimed) {
        const job = deliver(notification, now)
          .catch((error) => log(`notification ${notification.id} could not be recorded: ${describeError(error)}`))
          .finally(() => running.delete(job));
        running.add(job);
      }
      return claimed.length;
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
    outcomes: () => recent,
  };
}
