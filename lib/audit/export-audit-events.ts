import "server-only";
import { db } from "@/lib/db";
import { hasPermission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "./append-audit-event";
import { auditActorOf } from "./audit-actor";
import { auditFilterQuery, type AuditFilter } from "./audit-filter";
import { listAuditEvents, type AuditRow } from "./list-audit-events";
import type { RequestMeta } from "./request-meta";

const MAX_ROWS = 50_000;

/** The audit rows a lead or admin exports; reading the audit trail is itself recorded, a refused read too. */
export async function exportAuditEvents(options: { user: CurrentUser; filter: AuditFilter; format: "csv" | "json"; meta: RequestMeta }): Promise<AuditRow[]> {
  const { user, format, meta } = options;
  const actor = auditActorOf(user);
  if (!hasPermission(user.role, "read:audit")) {
    await db.$transaction(
      (tx) => appendAuditEvent(tx, { type: "audit.exported", outcome: "denied", actor, error: "read:audit needed", data: { format } }, { meta }),
      AUDIT_TX_OPTIONS,
    );
    throw new AppError("FORBIDDEN", `Your role (${user.role}) cannot read the audit trail: leads and admins can.`);
  }
  const { rows } = await listAuditEvents({ filter: { ...options.filter, before: undefined }, limit: MAX_ROWS });
  const data = { format, filter: auditFilterQuery(options.filter), rows: rows.length };
  await db.$transaction((tx) => appendAuditEvent(tx, { type: "audit.exported", outcome: "ok", actor, data }, { meta }), AUDIT_TX_OPTIONS);
  return rows;
}
