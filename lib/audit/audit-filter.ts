import { z } from "zod";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import { AppError } from "@/lib/errors";

const MAX_AUDIT_ID = 9_223_372_036_854_775_807n;

// A datetime-local value has no zone; the audit page labels its fields UTC and means it.
const utcDate = z
  .string()
  .trim()
  .transform((value) => new Date(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value))
  .refine((date) => !Number.isNaN(date.getTime()), { error: "not a date" })
  // JavaScript dates reach far past what PostgreSQL stores; a filter outside 1970-9999 is a typo.
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999, { error: "must be between the years 1970 and 9999" });

/** The audit page's filters, from its query string; a bad value is refused naming its field. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(320).optional(),
  target: z.string().trim().max(63).optional(),
  action: z.string().trim().max(64).optional(),
  type: z.string().trim().max(64).optional(),
  outcome: z.string().trim().max(40).optional(),
  from: utcDate.optional(),
  to: utcDate.optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/, { error: "must be an entry number" })
    .refine((id) => BigInt(id) <= MAX_AUDIT_ID, { error: "is past the last possible entry number" })
    .optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The filter, or INVALID_INPUT naming each bad field (the page shows it as a bad filter, the export answers 400). */
export function parseAuditFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilter {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]);
  const cleaned = Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  const parsed = auditFilterSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  throw new AppError("INVALID_INPUT", `Bad audit filter: ${describeFieldErrors(fieldErrors)}`, { fieldErrors });
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
