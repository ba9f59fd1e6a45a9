import "server-only";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { countTargetSamples } from "@/lib/metrics/count-target-samples";

type Actor = { id: number; email: string; role: string };

/** What deleting a target removes with it, for the confirmation and the audit row. */
export async function describeTargetData(options: { targetId: number }) {
  const [samples, incidents, actions, tokens] = await Promise.all([
    countTargetSamples({ targetId: options.targetId }),
    db.incident.count({ where: { targetId: options.targetId } }),
    db.remediationAction.count({ where: { targetId: options.targetId } }),
    db.ingestToken.count({ where: { targetId: options.targetId } }),
  ]);
  return { samples, incidents, actions, tokens };
}

/**
 * Deletes a target and everything stored for it (samples, rollups, incidents, alert rules,
 * actions, tokens: the foreign keys cascade). The audit trail keeps its rows: they name the
 * target by id and slug, without a foreign key. Typing the slug confirms; provisioned targets
 * are removed from their file instead.
 */
export async function deleteTarget(options: { targetId: number; confirmation: string; actor: Actor; meta?: RequestMeta | null }) {
  const target = await db.target.findUniqueOrThrow({ where: { id: options.targetId }, select: { id: true, slug: true, provisionedFrom: true } });
  if (target.provisionedFrom) throw new AppError("CONFLICT", `This target is provisioned from ${target.provisionedFrom}: remove it from the file (it is then disabled, its data kept).`);
  if (options.confirmation.trim() !== target.slug) {
    throw new AppError("INVALID_INPUT", `Type the target's slug, ${target.slug}, to delete it.`, { fieldErrors: { confirmation: `Type ${target.slug} to confirm.` } });
  }
  const removed = await describeTargetData({ targetId: target.id });
  await db.$transaction(async (tx) => {
    await tx.target.delete({ where: { id: target.id } });
    await appendAuditEvent(tx, { type: "target.deleted", outcome: "ok", actor: auditActorOf(options.actor), target: { id: target.id, slug: target.slug }, data: { removed } }, { meta: options.meta });
  }, AUDIT_TX_OPTIONS);
  return { slug: target.slug, removed };
}
