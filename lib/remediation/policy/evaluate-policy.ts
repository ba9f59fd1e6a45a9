// The runbook's auto-remediation script as a pure decision, one worker tick at a time:
// above the threshold → clean the cache; `recheckSeconds` later, still above → escalate.
// No I/O here, so every branch is a unit test (tests/unit/remediation/evaluate-policy.test.ts).

/** No sample newer than this: the policy does nothing (it never acts on stale data). */
export const MAX_SAMPLE_AGE_MS = 60_000;

export type PolicySettings = {
  enabled: boolean;
  threshold: number;
  recheckSeconds: number;
  cooldownSeconds: number;
  escalateTo: "rolling-restart" | "none";
};

export type PolicyRunState = "rechecking" | "recovered" | "escalated" | "not_escalated" | "failed";

/** The current or last run: when its cleanup started and where it stands. */
export type LastRun = { at: Date; state: PolicyRunState };

/** The newest total-memory sample: used / limit, and when it was taken. */
export type LatestSample = { ratio: number; at: Date };

export type PolicyDecision =
  /** `closeRun`: the waiting run ends here (memory recovered, or still high with escalation off). */
  | { kind: "idle"; reason: string; closeRun?: "recovered" | "not_escalated" }
  | { kind: "cooldown"; reason: string; until: Date }
  | { kind: "cleanup"; reason: string }
  /** Cleanup done; waiting for a sample taken `recheckSeconds` after it. */
  | { kind: "recheck"; reason: string }
  /** Still above after the recheck: ask for the restart. */
  | { kind: "escalate"; reason: string };

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

export function evaluatePolicy(options: { policy: PolicySettings; sample: LatestSample | null; lastRun: LastRun | null; now: Date }): PolicyDecision {
  const { policy, sample, lastRun, now } = options;
  if (!policy.enabled) return { kind: "idle", reason: "policy disabled" };
  if (!sample || now.getTime() - sample.at.getTime() > MAX_SAMPLE_AGE_MS) {
    return { kind: "idle", reason: sample ? `newest sample is ${Math.round((now.getTime() - sample.at.getTime()) / 1000)} s old: not acting on stale data` : "no sample: not acting without data" };
  }
  const above = sample.ratio > policy.threshold;
  const level = `memory ${pct(sample.ratio)} ${above ? ">" : "≤"} threshold ${pct(policy.threshold)}`;

  const cooldownEnd = lastRun ? new Date(lastRun.at.getTime() + policy.cooldownSeconds * 1000) : null;
  // A recheck never comes after the cooldown: a run that waited that long (no data) is over.
  if (lastRun?.state === "rechecking" && cooldownEnd && now < cooldownEnd) {
    const recheckAt = lastRun.at.getTime() + policy.recheckSeconds * 1000;
    // The sample must be taken after the wait, not the one that started the run.
    if (sample.at.getTime() < recheckAt) return { kind: "recheck", reason: `waiting for a sample taken ${policy.recheckSeconds} s after the cleanup` };
    if (!above) return { kind: "idle", closeRun: "recovered", reason: `recovered after cleanup: ${level}` };
    if (policy.escalateTo === "none") return { kind: "idle", closeRun: "not_escalated", reason: `still high after cleanup (${level}); escalation is off` };
    return { kind: "escalate", reason: `still high after cleanup: ${level}` };
  }

  if (lastRun && cooldownEnd && now < cooldownEnd) {
    return { kind: "cooldown", reason: `last run at ${lastRun.at.toISOString()} (${lastRun.state}); cooling down`, until: cooldownEnd };
  }
  return above ? { kind: "cleanup", reason: `high memory: ${level}` } : { kind: "idle", reason: level };
}
