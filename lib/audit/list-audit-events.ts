import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "./audit-filter";
import { hashedContentOf, type HashedAuditRow, type StoredAuditRow } from "./hash-audit-row";

/** A row as the audit page and its exports show it: the hashed columns, with the actor and target grouped. */
export type AuditRow = Omit<HashedAuditRow, "actorKind" | "actorId" | "actorLabel" | "actorRole" | "targetId" | "targetSlug"> & {
  actor: { kind: string; id: number | null; label: string | null; role: string | null };
  target: string | null;
  hash: string;
};

/** A stored row as the audit page and its exports show it, read through the hash's own mapping. */
export function auditRowOf(row: StoredAuditRow): AuditRow {
  const { actorKind, actorId, actorLabel, actorRole, targetId: _targetId, targetSlug, ...content } = hashedContentOf(row);
  return { ...content, actor: { kind: actorKind, id: actorId, label: actorLabel, role: actorRole }, target: targetSlug, hash: row.hash };
}

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.target ? { targetSlug: filter.target } : {}),
    ...(filter.action ? { actionId: filter.action } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    ...(filter.before ? { id: { lt: BigInt(filter.before) } } : {}),
  };
}

/** Audit rows matching the filter, newest first; `nextBefore` pages further back. */
export async function listAuditEvents(options: { filter: AuditFilter; limit: number }): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const rows = await db.auditEvent.findMany({ where: where(options.filter), orderBy: { id: "desc" }, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return {
    rows: page.map(auditRowOf),
    nextBefore: rows.length > options.limit ? page.at(-1)!.id.toString() : null,
  };
}
