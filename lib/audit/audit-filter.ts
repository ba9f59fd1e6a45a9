import { z } from "zod";

// A datetime-local value has no zone; the audit page labels its fields UTC and means it.
const utcDate = z
  .string()
  .trim()
  .transform((value) => new Date(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value))
  .refine((date) => !Number.isNaN(date.getTime()), { error: "not a date" });

/** The audit page's filters, from its query string; a bad value is dropped rather than failing the page. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(320).optional().catch(undefined),
  target: z.string().trim().max(63).optional().catch(undefined),
  action: z.string().trim().max(64).optional().catch(undefined),
  type: z.string().trim().max(64).optional().catch(undefined),
  outcome: z.string().trim().max(40).optional().catch(undefined),
  from: utcDate.optional().catch(undefined),
  to: utcDate.optional().catch(undefined),
  before: z.string().regex(/^\d{1,19}$/).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function parseAuditFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilter {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const cleaned = Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  return auditFilterSchema.parse(cleaned);
}

/** The filter back as a query string (for export links and paging). */
export function auditFilterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || key === "before") continue;
    params.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
