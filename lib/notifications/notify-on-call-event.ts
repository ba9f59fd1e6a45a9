import "server-only";
import type { AuditTx } from "@/lib/audit/append-audit-event";
import { env } from "@/lib/env";
import { buildOnCallPayload, type OnCallEvent } from "./build-on-call-payload";
import { describeTargetDiagnosis } from "./describe-target-diagnosis";
import { enqueueNotification, subscribedChannels } from "./enqueue-notification";

/**
 * Queues an on-call message (acknowledged, re-notify, approval waiting) to every channel of the
 * target that subscribes to it, inside the caller's transaction. Memory and severity are the
 * alert evaluator's latest; the diagnosis is read from the target's recent samples.
 */
export async function notifyOnCallEvent(options: {
  tx: AuditTx;
  targetId: number;
  incidentId: number | null;
  event: OnCallEvent;
  now: Date;
  channelIds?: number[];
}): Promise<bigint[]> {
  const { tx, targetId, now } = options;
  const subscribed = await tx.notificationChannel.count({ where: subscribedChannels({ targetId, event: options.event.kind, channelIds: options.channelIds }) });
  if (subscribed === 0) return [];
  const target = await tx.target.findUniqueOrThrow({ where: { id: targetId }, select: { slug: true, name: true, memoryLimitMb: true, alertStatus: { select: { state: true, value: true } } } });
  const incident = options.incidentId === null ? null : await tx.incident.findUnique({ where: { id: options.incidentId }, select: { severity: true } });
  const state = target.alertStatus?.state;
  const config = env();
  const payload = buildOnCallPayload({
    event: options.event,
    target,
    severity: state === "SEV-1" || state === "SEV-2" ? state : (incident?.severity ?? null),
    value: target.alertStatus?.value ?? null,
    diagnosis: await describeTargetDiagnosis({ targetId, limitMb: target.memoryLimitMb, now }),
    incidentId: options.incidentId,
    at: now.getTime(),
    consoleUrl: config.NEXTAUTH_URL,
  });
  return enqueueNotification({ tx, targetId, incidentId: options.incidentId, event: options.event.kind, payload, now, maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS, channelIds: options.channelIds });
}
