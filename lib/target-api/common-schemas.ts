import { z } from "zod";
import { durationPattern } from "./duration";

export const componentKeys = ["api_service", "agent_system", "database", "cache", "redis"] as const;
export const componentKeySchema = z.enum(componentKeys);
export type ComponentKey = z.infer<typeof componentKeySchema>;

/** ISO 8601 in UTC with a trailing Z, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = z.iso.datetime();
export const megabytesSchema = z.number().nonnegative();
export const countSchema = z.int().nonnegative();

export const durationSchema = z
  .string()
  .regex(durationPattern, { error: "must be a duration such as 90s, 5m, 1h or 7d" });

/** Every 4xx/5xx answer of the target carries this body. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** One line per problem, field first, so a 400 tells the caller exactly what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join(".");
      if (issue.code === "unrecognized_keys") return `unknown field ${issue.keys.join(", ")}`;
      return field && !issue.message.startsWith(field) ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
