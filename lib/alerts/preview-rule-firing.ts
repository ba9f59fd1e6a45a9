import { formatRatio, formatSeconds } from "./describe-alert";
import type { AlertStatus } from "./alert-state";

/** What the evaluator would see right now: the memory ratio of the newest recent sample, and each rule's state. */
export type CurrentAlertView = {
  ratio: number | null;
  sampledAt: number | null;
  states: Record<string, { status: AlertStatus; activeAt: number | null }>;
};

export type FiringWarning = { rule: string; kind: "fires_now" | "pending_now"; message: string };

type ProposedRule = { name: string; threshold: number; forSeconds: number };

/**
 * What saving these thresholds would do at once, so that a person sees it before saving (the
 * form's preview) and confirms it (the server's check, with the same words): a rule whose
 * threshold is below the current ratio fires now when its `for` has already elapsed (0, or a
 * pending episode old enough), and becomes pending otherwise. A rule already firing or pending
 * changes nothing new and is not warned about.
 */
export function previewRuleFiring(options: { rules: readonly ProposedRule[]; current: CurrentAlertView; now: number }): FiringWarning[] {
  const { ratio } = options.current;
  if (ratio === null) return [];
  const memory = `memory is ${formatRatio(ratio)} and the`;
  return options.rules.flatMap((rule): FiringWarning[] => {
    if (!Number.isFinite(rule.threshold) || !Number.isFinite(rule.forSeconds) || !(ratio > rule.threshold)) return [];
    const state = options.current.states[rule.name];
    if (state?.status === "firing") return [];
    const activeAt = state?.status === "pending" && state.activeAt !== null ? state.activeAt : options.now;
    const threshold = `${rule.name} threshold ${formatRatio(rule.threshold)}`;
    if (options.now - activeAt >= rule.forSeconds * 1000) {
      return [{ rule: rule.name, kind: "fires_now", message: `With these thresholds ${rule.name} would fire now: ${memory} ${threshold}.` }];
    }
    if (state?.status === "pending") return [];
    return [{
      rule: rule.name,
      kind: "pending_now",
      message: `With these thresholds ${rule.name} would be pending now and fire in ${formatSeconds(rule.forSeconds)} unless memory falls: ${memory} ${threshold}.`,
    }];
  });
}
