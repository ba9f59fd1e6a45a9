import type { AlertRule } from "./alert-rule-schema";
import type { AlertState } from "./alert-state";

export type GetEffectiveSeverityOptions = {
  rules: readonly AlertRule[];
  /** Current state per rule name for one target; rules without a state count as inactive. */
  states: Readonly<Record<string, AlertState | undefined>>;
};

export type EffectiveSeverity = {
  /** Name of the rule pages and notifications show ("SEV-1"). */
  rule: string;
  state: AlertState;
  /** Other firing rules this one hides. */
  superseded: string[];
};

/**
 * The one firing rule a target is shown under. The rules of an alert family watch
 * the same ratio, so the firing rule with the highest threshold is the most severe:
 * SEV-1 (> 0.95) supersedes SEV-2 (> 0.85) while both fire, like an Alertmanager
 * inhibit rule. Null when nothing fires.
 */
export function getEffectiveSeverity({ rules, states }: GetEffectiveSeverityOptions): EffectiveSeverity | null {
  const firing = rules
    .filter((rule) => states[rule.name]?.status === "firing")
    .sort((a, b) => b.threshold - a.threshold);
  if (firing.length === 0) return null;
  const [top, ...rest] = firing;
  return {
    rule: top.name,
    state: states[top.name] as AlertState,
    superseded: rest.map((rule) => rule.name),
  };
}
