import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { appendToOpenIncident } from "@/lib/incidents/append-incident-event";

/** Ends a running silence before its time; notifications the silence held back then go out. */
export async function endSilence(options: {
  silenceId: number;
  /** When given, the silence must be this target's (the page's form names both). */
  targetId?: number;
  actor: { id: number; email: string };
  now?: Date;
}): Promise<{ targetId: number }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ended = await tx.silence.updateManyAndReturn({
      where: { id: options.silenceId, targetId: options.targetId, endedAt: null, endsAt: { gt: now } },
      data: { endedAt: now, endedByEmail: options.actor.email },
      select: { targetId: true, comment: true },
    });
    if (ended.length === 0) throw new AppError("NOT_FOUND", "No running silence with that id (it may have expired already).");
    const { targetId, comment } = ended[0];
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
    return { targetId };
  });
}
