import type { AlertRule } from "./alert-rule-schema";
import type { AlertState, AlertStatus } from "./alert-state";

export type AlertTransition = { from: AlertStatus; to: AlertStatus; at: number };

export type EvaluateRuleOptions = {
  rule: AlertRule;
  state: AlertState;
  /** Evaluation time, epoch ms. */
  now: number;
  /** Newest sample within the rule's lookback (see selectValueAt), null when there is none. */
  value: number | null;
  /** The collector recorded the target's last scrape as failed. */
  scrapeFailed?: boolean;
};

export type EvaluateRuleResult = {
  state: AlertState;
  transition?: AlertTransition;
  /** The alert is firing only because the target stopped answering. */
  noData?: true;
};

/**
 * One evaluation of one rule, Prometheus' alerting-rule semantics: pending at the
 * first value above the threshold, firing once `now - activeAt >= for`, dropped at
 * the first evaluation without a qualifying value. The extras (keepFiringFor and
 * recoveryThreshold against flapping, scrapeFailed for a target that stopped
 * answering) only act when a rule or the caller turns them on.
 */
export function evaluateRule({ rule, state, now, value, scrapeFailed = false }: EvaluateRuleOptions): EvaluateRuleResult {
  // An OOM-killed target stops answering: resolving would tell the on-call it recovered.
  if (state.status === "firing" && scrapeFailed) {
    return { state: { ...state, noDataSince: state.noDataSince ?? now }, noData: true };
  }

  if (value !== null && holdsCondition({ rule, status: state.status, value })) {
    return continueActive({ rule, state, now });
  }

  if (state.status === "firing" && isKeptFiring({ rule, state, now })) {
    return { state: withoutNoData({ ...state, keepFiringSince: state.keepFiringSince ?? now }) };
  }

  if (state.status === "inactive") return { state };
  return {
    state: { status: "inactive", activeAt: null, resolvedAt: now },
    transition: { from: state.status, to: "inactive", at: now },
  };
}

function holdsCondition({ rule, status, value }: { rule: AlertRule; status: AlertStatus; value: number }): boolean {
  // Hysteresis: once firing, the alert stays until the value falls to the recovery level.
  if (status === "firing" && rule.recoveryThreshold !== undefined) return value > rule.recoveryThreshold;
  return value > rule.threshold;
}

function continueActive({ rule, state, now }: { rule: AlertRule; state: AlertState; now: number }): EvaluateRuleResult {
  const activeAt = state.status === "inactive" || state.activeAt === null ? now : state.activeAt;
  if (state.status === "firing") {
    return { state: withoutNoData({ status: "firing", activeAt, firedAt: state.firedAt ?? now }) };
  }
  // With `for: 0` Prometheus fires in the same evaluation that creates the alert.
  if (now - activeAt >= rule.forSeconds * 1000) {
    return {
      state: { status: "firing", activeAt, firedAt: now },
      transition: { from: state.status, to: "firing", at: now },
    };
  }
  if (state.status === "pending") return { state: { status: "pending", activeAt } };
  return {
    state: { status: "pending", activeAt },
    transition: { from: "inactive", to: "pending", at: now },
  };
}

function isKeptFiring({ rule, state, now }: { rule: AlertRule; state: AlertState; now: number }): boolean {
  const keepMs = (rule.keepFiringForSeconds ?? 0) * 1000;
  if (keepMs <= 0) return false;
  const since = state.keepFiringSince ?? now;
  return now - since < keepMs;
}

function withoutNoData(state: AlertState): AlertState {
  const { noDataSince: _ignored, ...rest } = state;
  return rest;
}
