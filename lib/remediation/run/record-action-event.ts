import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditActor, AuditEventInput } from "@/lib/audit/audit-event";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { appendToOpenIncident } from "@/lib/incidents/append-incident-event";
import type { ActionRow } from "@/lib/remediation/action-rows";

type ActionEventType = Extract<
  AuditEventInput["type"],
  "remediation.requested" | "remediation.approved" | "remediation.rejected" | "remediation.withdrawn" | "remediation.expired" | "remediation.started" | "remediation.resumed" | "remediation.finished" | "remediation.decision_refused"
>;

/**
 * Records what just happened to an action, inside the transaction that made it happen: a line
 * on the open incident's timeline (when `incidentSummary` is given) and, last, the audit row.
 */
export async function recordActionEvent(
  tx: Prisma.TransactionClient,
  options: {
    row: ActionRow;
    type: ActionEventType;
    outcome: string;
    actor: AuditActor;
    meta: RequestMeta | null;
    at: Date;
    incidentSummary?: string;
    error?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<number | null> {
  const { row } = options;
  let incidentId = row.incidentId;
  if (options.incidentSummary) {
    incidentId =
      (await appendToOpenIncident({
        targetId: row.targetId,
        db: tx,
        event: {
          at: options.at.getTime(),
          kind: "action",
          summary: options.incidentSummary,
          data: { remediationId: row.id, actionId: row.actionId, state: row.state, breakGlass: row.breakGlass, by: options.actor.label ?? null },
        },
      })) ?? incidentId;
  }
  await appendAuditEvent(
    tx,
    {
      type: options.type,
      outcome: options.outcome,
      actor: options.actor,
      target: { id: row.target.id, slug: row.target.slug },
      actionId: row.actionId,
      remediationId: row.id,
      incidentId,
      parameters: row.params,
      error: options.error ? clipForAudit(options.error) : null,
      breakGlass: row.breakGlass,
      data: { state: row.state, ...options.data },
    } as AuditEventInput,
    { meta: options.meta, now: options.at },
  );
  return incidentId;
}

const AUDIT_ERROR_MAX = 2000;

/** An audit row holds up to 2,000 characters of error: its start and its end (where a command's failure is). */
function clipForAudit(error: string): string {
  if (error.length <= AUDIT_ERROR_MAX) return error;
  const half = AUDIT_ERROR_MAX / 2 - 1;
  return `${error.slice(0, half)}…${error.slice(-half)}`;
}
