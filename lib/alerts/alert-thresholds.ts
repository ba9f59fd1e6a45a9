import type { AlertRule } from "./alert-rule-schema";
import type { Severity } from "./default-rules";

/** One severity's line as pages draw it: above `ratio` of the limit for `forSeconds`. */
export type AlertThreshold = { ratio: number; forSeconds: number; lookbackSeconds: number };

/** A target's effective HighMemoryUsage thresholds, served with its data so no page hard-codes 85/95 %. */
export type AlertThresholds = Record<Severity, AlertThreshold>;

const line = (rule: AlertRule): AlertThreshold => ({ ratio: rule.threshold, forSeconds: rule.forSeconds, lookbackSeconds: rule.lookbackSeconds });

/**
 * The SEV-2 and SEV-1 lines of a rule set. An edited set holds exactly these two
 * (alertRuleSetSchema); for any other set the lowest rule stands for SEV-2, the highest for SEV-1.
 */
export function thresholdsOf(rules: readonly AlertRule[]): AlertThresholds {
  const sorted = [...rules].sort((a, b) => a.threshold - b.threshold);
  const sev2 = sorted.find((r) => r.name === "SEV-2") ?? sorted[0];
  const sev1 = sorted.find((r) => r.name === "SEV-1") ?? sorted.at(-1);
  if (!sev2 || !sev1) throw new RangeError("a rule set needs at least one rule to draw thresholds from");
  return { "SEV-2": line(sev2), "SEV-1": line(sev1) };
}

/** Which line the current usage ratio is above (what the "Used" figure is toned by), or null. */
export function levelOf(ratio: number | null, thresholds: AlertThresholds): Severity | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  if (ratio > thresholds["SEV-1"].ratio) return "SEV-1";
  if (ratio > thresholds["SEV-2"].ratio) return "SEV-2";
  return null;
}
