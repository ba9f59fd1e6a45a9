import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { appendToOpenIncident } from "@/lib/incidents/append-incident-event";
import { formatSeconds } from "./describe-alert";

export const MAX_SILENCE_MINUTES = 7 * 24 * 60;

export type CreateSilenceOptions = {
  targetId: number;
  durationMinutes: number;
  comment: string;
  actor: { id: number; email: string; role: string };
  meta?: RequestMeta | null;
  now?: Date;
};

/**
 * Silences a target's alert notifications from now for a duration. The alert, its state and
 * its incident go on being recorded; the silence ends on its own at `endsAt`. The silence and
 * its `silence.created` audit row commit together.
 */
export async function createSilence(options: CreateSilenceOptions): Promise<{ id: number; endsAt: Date }> {
  const comment = options.comment.trim();
  if (!comment) throw new AppError("INVALID_INPUT", "Say why the alert is silenced: the comment is shown wherever the alert is.");
  if (!(options.durationMinutes >= 1 && options.durationMinutes <= MAX_SILENCE_MINUTES)) {
    throw new AppError("INVALID_INPUT", `A silence lasts from 1 minute to ${MAX_SILENCE_MINUTES / 60 / 24} days.`);
  }
  const now = options.now ?? new Date();
  const endsAt = new Date(now.getTime() + Math.round(options.durationMinutes * 60_000));
  return db.$transaction(async (tx) => {
    const target = await tx.target.findUnique({ where: { id: options.targetId }, select: { id: true, slug: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such target.");
    const silence = await tx.silence.create({
      data: {
        targetId: options.targetId,
        startsAt: now,
        endsAt,
        comment,
        createdById: options.actor.id,
        createdByEmail: options.actor.email,
        createdAt: now,
      },
      select: { id: true, endsAt: true },
    });
    await appendToOpenIncident({
      db: tx,
      targetId: options.targetId,
      event: {
        at: now.getTime(),
        kind: "silence",
        summary: `Silenced for ${formatSeconds(options.durationMinutes * 60)} by ${options.actor.email}: ${comment}`,
        data: { silenceId: silence.id, endsAt: endsAt.toISOString() },
      },
    });
    await appendAuditEvent(
      tx,
      {
        type: "silence.created",
        outcome: "ok",
        actor: auditActorOf(options.actor),
        target,
        parameters: { durationMinutes: options.durationMinutes, comment },
        data: { silenceId: silence.id, endsAt: endsAt.toISOString() },
      },
      { meta: options.meta, now },
    );
    return silence;
  }, AUDIT_TX_OPTIONS);
}
