import { z } from "zod";
import { describeFieldErrors, fieldErrorsOf } from "@/lib/actions/field-errors";
import { AppError } from "@/lib/errors";
import { targetFields } from "@/lib/targets/target-definition";

/** The insights page's filter, from its query string: one service by slug, or all of them. */
export const insightsFilterSchema = z.object({ service: targetFields.slug.optional() });
export type InsightsFilter = z.infer<typeof insightsFilterSchema>;

/** The filter, or INVALID_INPUT naming the bad field (the page shows it as a bad filter). An empty value means all services. */
export function parseInsightsFilter(params: Record<string, string | string[] | undefined>): InsightsFilter {
  const entries = Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  const cleaned = Object.fromEntries(entries.filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k, v]) => [k, v!.trim()]));
  const parsed = insightsFilterSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new AppError("INVALID_INPUT", `Bad insights filter: ${describeFieldErrors(fieldErrorsOf(parsed.error))}`);
}
