import "server-only";
import { appendAuditEvent, type AuditTx } from "./append-audit-event";
import { auditActorOf, type ActorSource } from "./audit-actor";
import type { RequestMeta } from "./request-meta";

/** What a save of a target's configuration takes: the target, its parsed input, who saves it, and the request. */
export type TargetChange<I> = { targetId: number; input: I; actor: { id: number; email: string; role: string }; meta?: RequestMeta | null };

/**
 * The audit row of a person's change to a target's configuration (its definition, restart and Redis
 * settings, auto-remediation policy or alert rules). Call it last in the change's transaction, as
 * appendAuditEvent asks; the row names the target by its slug at the time of the change.
 */
export async function appendTargetChange(
  tx: AuditTx,
  change: { type: "target.changed" | "threshold.changed"; targetId: number; actor: ActorSource; parameters: Record<string, unknown> },
  context: { meta?: RequestMeta | null; now?: Date } = {},
): Promise<void> {
  const target = await tx.target.findUniqueOrThrow({ where: { id: change.targetId }, select: { slug: true } });
  const actor = auditActorOf(change.actor);
  await appendAuditEvent(tx, { type: change.type, outcome: "ok", actor, target: { id: change.targetId, slug: target.slug }, parameters: change.parameters }, context);
}
