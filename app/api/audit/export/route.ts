import { auditFilterQuery, parseAuditFilter } from "@/lib/audit/audit-filter";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { auditRowsToCsv } from "@/lib/audit/format-audit-export";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { requireUser } from "@/lib/auth/session";
import { jsonError } from "@/lib/http/json-error";

export const dynamic = "force-dynamic";

/** The audit page's filtered rows as CSV or JSON; reading the audit trail is itself recorded. */
export async function GET(request: Request) {
  try {
    const user = await requireUser();
    const params = new URL(request.url).searchParams;
    const format = params.get("format") === "json" ? "json" : "csv";
    const filter = parseAuditFilter(params);
    const rows = await exportAuditEvents({ user, filter, format, meta: requestMetaFrom(request.headers) });
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
    return jsonError(error);
  }
}
