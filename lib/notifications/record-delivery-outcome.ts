import "server-only";
import { db } from "@/lib/db";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import type { ClaimedNotification } from "./claim-due-notifications";
import { computeBackoff } from "./compute-backoff";
import type { SendWebhookResult } from "./send-webhook";

export type DeliveryOutcome = "delivered" | "retrying" | "failed";

/** What the timeline calls a notification: its Slack headline when there is one. */
export function describeNotification(notification: { kind: string; payload: unknown }): string {
  const payload = notification.payload as { attachments?: { title?: unknown }[] } | null;
  const title = payload?.attachments?.[0]?.title;
  return typeof title === "string" ? title : notification.kind;
}

/**
 * Stores the result of one attempt and adds it to the incident's timeline in one transaction:
 * delivered, retrying at `attemptedAt` + backoff, or failed for good (visible on the target's
 * alert page and in the incident, so "nobody was paged" is never silent).
 */
export async function recordDeliveryOutcome(options: {
  notification: ClaimedNotification;
  result: SendWebhookResult;
  attemptedAt: Date;
  backoffBaseMs: number;
}): Promise<DeliveryOutcome> {
  const { notification, result, attemptedAt } = options;
  const attempts = notification.attempts + 1;
  const what = describeNotification(notification);
  // Which channel was paged is what a reviewer asks first when several are configured.
  const to = notification.channelName ? ` to "${notification.channelName}"` : "";
  let outcome: DeliveryOutcome;
  let summary: string;
  let nextAttemptAt = attemptedAt;
  if (result.ok) {
    outcome = "delivered";
    summary = `Webhook delivered${to}: ${what}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}`;
  } else if (result.permanent || attempts >= notification.maxAttempts) {
    outcome = "failed";
    const why = result.permanent && attempts < notification.maxAttempts ? "not retried" : `after ${attempts} attempts`;
    summary = `Webhook delivery${to} FAILED (${why}): ${what} — ${result.error}. Nobody was notified by webhook.`;
  } else {
    outcome = "retrying";
    const delay = computeBackoff({ attempts, baseMs: options.backoffBaseMs, retryAfterMs: result.retryAfterMs });
    nextAttemptAt = new Date(attemptedAt.getTime() + delay);
    summary = `Webhook attempt ${attempts} of ${notification.maxAttempts}${to} failed: ${result.error}; retrying in ${formatSeconds(delay / 1000)}`;
  }
  await db.$transaction(async (tx) => {
    await tx.notificationDelivery.update({
      where: { id: notification.id },
      data: {
        attempts,
        status: outcome === "retrying" ? "pending" : outcome,
        nextAttemptAt,
        lastAttemptAt: attemptedAt,
        lastStatusCode: result.status,
        lastError: result.ok ? null : result.error,
        deliveredAt: result.ok ? attemptedAt : null,
      },
    });
    if (notification.incidentId !== null) {
      await tx.incidentEvent.create({
        data: {
          incidentId: notification.incidentId,
          at: attemptedAt,
          kind: "notification",
          summary,
          data: { notificationId: Number(notification.id), outcome, attempts, status: result.status },
        },
      });
    }
  });
  return outcome;
}
