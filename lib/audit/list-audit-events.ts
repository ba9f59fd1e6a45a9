import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "./audit-filter";

export type AuditRow = {
  id: string;
  at: string;
  type: string;
  outcome: string;
  actor: { kind: string; id: number | null; label: string | null; role: string | null };
  target: string | null;
  actionId: string | null;
  remediationId: number | null;
  incidentId: number | null;
  parameters: unknown;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  breakGlass: boolean;
  data: unknown;
  prevHash: string;
  hash: string;
};

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
    rows: page.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      type: row.type,
      outcome: row.outcome,
      actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel, role: row.actorRole },
      target: row.targetSlug,
      actionId: row.actionId,
      remediationId: row.remediationId,
      incidentId: row.incidentId,
      parameters: row.parameters,
      error: row.error,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      breakGlass: row.breakGlass,
      data: row.data,
      prevHash: row.prevHash,
      hash: row.hash,
    })),
    nextBefore: rows.length > options.limit ? page.at(-1)!.id.toString() : null,
  };
}
