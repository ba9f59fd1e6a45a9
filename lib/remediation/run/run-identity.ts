import "server-only";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import type { ActionRow } from "@/lib/remediation/action-rows";

const runMetaSchema = z.object({ ip: z.string().nullable(), userAgent: z.string().nullable(), requestId: z.string() });

/**
 * Whose run it is, for the audit rows of its start and outcome: the approver of an approved
 * destructive action, else whoever asked for it (a person or a policy). The worker carries the
 * action out; the person who made it runnable answers for it.
 */
export function runnerOf(row: ActionRow): AuditActor {
  if (row.decidedById !== null && row.decidedByLabel !== null) {
    return { kind: "user", id: row.decidedById, label: row.decidedByLabel, role: row.decidedByRole };
  }
  if (row.requestedByKind === "policy") return { kind: "policy", id: null, label: row.requestedByLabel, role: "policy" };
  return { kind: "user", id: row.requestedById, label: row.requestedByLabel, role: row.requestedByRole };
}

/** The request (or approval) that made the action runnable, as its audit rows name it; else `fallback`. */
export function runMetaOf(row: ActionRow, fallback: RequestMeta | null): RequestMeta | null {
  const parsed = runMetaSchema.safeParse(row.runMeta);
  return parsed.success ? parsed.data : fallback;
}
