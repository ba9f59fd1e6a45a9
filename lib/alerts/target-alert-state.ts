import type { Severity } from "./default-rules";

/** What pages show for a target: the effective alert (SEV-1 supersedes SEV-2), else pending, no data or ok. */
export type TargetAlertState = "ok" | "pending" | "SEV-2" | "SEV-1" | "no_data";

/** The per-target row (`alert_target_status`) as the planner reads and writes it; times in epoch ms. */
export type TargetAlertStatus = {
  state: TargetAlertState;
  stateSince: number | null;
  /** The effective alert is held firing only because the target stopped answering. */
  noData: boolean;
  /** Ratio used at the last evaluation. */
  value: number | null;
  /** When the effective alert last stopped firing while an incident was open (grace period start). */
  resolvedSince: number | null;
  /** What the webhook was last told, so each change is notified once (and after a silence ends). */
  notifiedSeverity: Severity | null;
  notifiedNoData: boolean;
  evaluatedAt: number | null;
};

export function initialTargetAlertStatus(): TargetAlertStatus {
  return {
    state: "no_data",
    stateSince: null,
    noData: false,
    value: null,
    resolvedSince: null,
    notifiedSeverity: null,
    notifiedNoData: false,
    evaluatedAt: null,
  };
}
