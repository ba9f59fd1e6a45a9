import { hasPermission } from "@/lib/auth/permissions";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditFilterQuery, parseAuditFilter } from "@/lib/audit/audit-filter";
import { auditRowsToCsv } from "@/lib/audit/format-audit-export";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { errorResponse, jsonError } from "@/lib/http/json-error";
import { requireApiUser } from "@/lib/http/require-api-user";

export const dynamic = "force-dynamic";

const MAX_ROWS = 50_000;

/** The audit page's filtered rows as CSV or JSON; reading the audit trail is itself recorded. */
export async function GET(request: Request) {
  try {
    const user = await requireApiUser();
    const meta = requestMetaFrom(request.headers);
    const params = new URL(request.url).searchParams;
    const format = params.get("format") === "json" ? "json" : "csv";
    const filter = parseAuditFilter(params);
    const actor = { kind: "user" as const, id: user.id, label: user.email, role: user.role };
    if (!hasPermission(user.role, "read:audit")) {
      await appendAuditEvent({ meta, event: { type: "audit.exported", outcome: "denied", actor, error: "read:audit needed", data: { format } } });
      return jsonError(403, "FORBIDDEN", `Your role (${user.role}) cannot read the audit trail: leads and admins can.`);
    }
    const { rows } = await listAuditEvents({ filter: { ...filter, before: undefined }, limit: MAX_ROWS });
    await appendAuditEvent({ meta, event: { type: "audit.exported", outcome: "ok", actor, data: { format, filter: auditFilterQuery(filter), rows: rows.length } } });
    const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
    const body = format === "json" ? JSON.stringify({ exportedAt: new Date().toISOString(), filter: auditFilterQuery(filter), rows }, null, 2) : auditRowsToCsv(rows);
    return new Response(body, {
      headers: {
        "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="headroom_audit_${stamp}.${format}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
