import { formatMinutes, formatPercent } from "@/lib/format";
import type { AlertRule } from "./alert-rule-schema";
import type { AlertTransition } from "./evaluate-rule";

export const formatRatio = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? "—" : formatPercent(ratio * 100);

export function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${Math.round(seconds)} s` : formatMinutes(seconds / 60);
}

/** One line for the incident timeline; the value is the ratio the evaluation saw (null: no sample). */
export function describeTransition(options: { rule: AlertRule; transition: AlertTransition; value: number | null }): string {
  const { rule, transition, value } = options;
  const above = formatRatio(rule.threshold);
  const noSample = `no sample in the last ${formatSeconds(rule.lookbackSeconds)}`;
  if (transition.to === "pending") return `${rule.name} pending: memory at ${formatRatio(value)} is above ${above}`;
  if (transition.to === "firing") {
    return rule.forSeconds > 0
      ? `${rule.name} firing: memory above ${above} for ${formatSeconds(rule.forSeconds)}`
      : `${rule.name} firing: memory at ${formatRatio(value)} is above ${above}`;
  }
  if (transition.from === "pending") {
    return `${rule.name} pending cleared: ${value === null ? noSample : `memory at ${formatRatio(value)}, not above ${above}`}`;
  }
  const level = rule.recoveryThreshold === undefined ? above : `${formatRatio(rule.recoveryThreshold)} (recovery level)`;
  return `${rule.name} resolved: ${value === null ? noSample : `memory at ${formatRatio(value)}, not above ${level}`}`;
}
