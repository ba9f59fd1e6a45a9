import { alertRuleSchema, defaultAlertRules, type AlertRule } from "./alert-rule-schema";

export const SEVERITIES = ["SEV-2", "SEV-1"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return value === "SEV-2" || value === "SEV-1";
}

/** SEV-1 outranks SEV-2: an incident escalates, never de-escalates, along this order. */
export function severityRank(severity: Severity): number {
  return severity === "SEV-1" ? 2 : 1;
}

/**
 * The rules a target uses until an admin edits them: the runbook's HighMemoryUsage pair.
 * `forSeconds` overrides their `for` (ALERT_FOR_SECONDS: end-to-end tests and demos only).
 */
export function getDefaultRules(options: { forSeconds?: number } = {}): AlertRule[] {
  if (options.forSeconds === undefined) return defaultAlertRules.map((rule) => ({ ...rule }));
  return defaultAlertRules.map((rule) => alertRuleSchema.parse({ ...rule, forSeconds: options.forSeconds }));
}
