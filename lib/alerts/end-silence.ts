import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { appendToOpenIncident } from "@/lib/incidents/append-incident-event";

/**
 * Ends a running silence before its time; notifications the silence held back then go out.
 * The end and its `silence.ended` audit row commit together.
 */
export async function endSilence(options: {
  silenceId: number;
  /** When given, the silence must be this target's (the page's form names both). */
  targetId?: number;
  actor: { id: number; email: string; role: string };
  meta?: RequestMeta | null;
  now?: Date;
}): Promise<{ targetId: number }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ended = await tx.silence.updateManyAndReturn({
      where: { id: options.silenceId, targetId: options.targetId, endedAt: null, endsAt: { gt: now } },
      data: { endedAt: now, endedByEmail: options.actor.email },
      select: { targetId: true, comment: true, target: { select: { id: true, slug: true } } },
    });
    if (ended.length === 0) throw new AppError("NOT_FOUND", "No running silence with that id (it may have expired already).");
    const { targetId, comment, target } = ended[0];
    await appendToOpenIncident({
      db: tx,
      targetId,
      event: {
        at: now.getTime(),
        kind: "silence",
        summary: `Silence #${options.silenceId} ended early by ${options.actor.email} (${comment})`,
        data: { silenceId: options.silenceId, ended: true },
      },
    });
    await appendAuditEvent(
      tx,
      { type: "silence.ended", outcome: "ok", actor: auditActorOf(options.actor), target, data: { silenceId: options.silenceId, comment } },
      { meta: options.meta, now },
    );
    return { targetId };
  }, AUDIT_TX_OPTIONS);
}
