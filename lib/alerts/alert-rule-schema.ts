import { z } from "zod";

const ratio = (what: string) =>
  z.number({ error: `${what} must be a number (a ratio of the memory limit)` });

/** A week: longer durations are typing mistakes, and the database stores seconds as 32-bit integers. */
export const MAX_RULE_SECONDS = 7 * 86_400;

const seconds = (what: string) =>
  z.number({ error: `${what} must be a number of seconds` }).max(MAX_RULE_SECONDS, { error: `${what} must be at most ${MAX_RULE_SECONDS} (7 days)` });

/**
 * One threshold rule over the memory usage ratio (used / limit). `name` is what
 * pages, notifications and the replay output show ("SEV-2", "SEV-1").
 */
export const alertRuleSchema = z
  .strictObject({
    name: z
      .string({ error: "name must be a string" })
      .trim()
      .min(1, { error: "name must not be empty" })
      .max(64, { error: "name must be at most 64 characters" }),
    // A usage ratio is in [0, 1]: a threshold of 0 fires on any usage and 1 can never be exceeded.
    threshold: ratio("threshold")
      .gt(0, { error: "threshold must be above 0" })
      .lt(1, { error: "threshold must be below 1" }),
    forSeconds: seconds("forSeconds").min(0, { error: "forSeconds must be 0 or more" }),
    lookbackSeconds: seconds("lookbackSeconds")
      .gt(0, { error: "lookbackSeconds must be above 0" })
      .default(300),
    keepFiringForSeconds: seconds("keepFiringForSeconds")
      .min(0, { error: "keepFiringForSeconds must be 0 or more" })
      .optional(),
    recoveryThreshold: ratio("recoveryThreshold")
      .min(0, { error: "recoveryThreshold must be 0 or more" })
      .lt(1, { error: "recoveryThreshold must be below 1" })
      .optional(),
  })
  .refine((rule) => rule.recoveryThreshold === undefined || rule.recoveryThreshold < rule.threshold, {
    path: ["recoveryThreshold"],
    error: "recoveryThreshold must be below threshold (it is the level a firing alert must fall to)",
  });

/** A rule after parsing: defaults applied. */
export type AlertRule = z.output<typeof alertRuleSchema>;
/** A rule as written in configuration or a replay file. */
export type AlertRuleInput = z.input<typeof alertRuleSchema>;

/** The runbook's HighMemoryUsage alert: SEV-2 above 85 %, SEV-1 above 95 %, both for 5 minutes. */
export const defaultAlertRules: readonly AlertRule[] = Object.freeze([
  alertRuleSchema.parse({ name: "SEV-2", threshold: 0.85, forSeconds: 300 }),
  alertRuleSchema.parse({ name: "SEV-1", threshold: 0.95, forSeconds: 300 }),
]);
