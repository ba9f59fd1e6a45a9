import { describe, expect, it } from "vitest";
import { evaluatePolicy, type LastRun, type PolicySettings } from "@/lib/remediation/policy/evaluate-policy";

const policy: PolicySettings = { enabled: true, threshold: 0.9, recheckSeconds: 10, cooldownSeconds: 1800, escalateTo: "rolling-restart" };
const t0 = Date.parse("2026-11-28T12:00:00Z");
const at = (offsetMs: number) => new Date(t0 + offsetMs);
const sample = (ratio: number, offsetMs = 0) => ({ ratio, at: at(offsetMs) });
const decide = (options: { ratio?: number; sampleAt?: number; now?: number; lastRun?: LastRun | null; settings?: Partial<PolicySettings> }) =>
  evaluatePolicy({
    policy: { ...policy, ...options.settings },
    sample: options.ratio === undefined ? null : sample(options.ratio, options.sampleAt ?? options.now ?? 0),
    lastRun: options.lastRun ?? null,
    now: at(options.now ?? 0),
  });
const rechecking: LastRun = { at: at(0), state: "rechecking" };

describe("evaluatePolicy: the runbook's auto-remediation script, one tick at a time", () => {
  it("does nothing at or below the threshold", () => {
    expect(decide({ ratio: 0.5 })).toMatchObject({ kind: "idle" });
    expect(decide({ ratio: 0.9 })).toMatchObject({ kind: "idle" }); // the script's test is strictly greater
  });

  it("cleans the cache above the threshold", () => {
    expect(decide({ ratio: 0.93 })).toMatchObject({ kind: "cleanup", reason: expect.stringMatching(/93\.0 %/) });
  });

  it("does nothing when disabled, however high", () => {
    expect(decide({ ratio: 0.99, settings: { enabled: false } })).toMatchObject({ kind: "idle", reason: "policy disabled" });
  });

  it("never acts on stale or missing data", () => {
    expect(decide({ ratio: 0.99, sampleAt: 0, now: 61_000 })).toMatchObject({ kind: "idle", reason: expect.stringMatching(/stale/) });
    expect(decide({})).toMatchObject({ kind: "idle", reason: expect.stringMatching(/no sample/) });
    // Not while waiting for the recheck either: no escalation on old data.
    expect(decide({ ratio: 0.99, sampleAt: 11_000, now: 80_000, lastRun: rechecking })).toMatchObject({ kind: "idle" });
  });

  it("waits recheck_seconds after the cleanup, and only a sample taken after the wait counts", () => {
    expect(decide({ ratio: 0.95, now: 5_000, lastRun: rechecking })).toMatchObject({ kind: "recheck" });
    // A fresh clock but the sample is from before the wait: still waiting.
    expect(decide({ ratio: 0.95, sampleAt: 9_000, now: 12_000, lastRun: rechecking })).toMatchObject({ kind: "recheck" });
  });

  it("escalates when still above after the recheck", () => {
    expect(decide({ ratio: 0.95, now: 10_000, lastRun: rechecking })).toMatchObject({ kind: "escalate" });
  });

  it("closes the run when memory recovered", () => {
    expect(decide({ ratio: 0.7, now: 10_000, lastRun: rechecking })).toEqual({ kind: "idle", closeRun: "recovered", reason: expect.stringMatching(/recovered/) });
  });

  it("with escalation off, closes the run still high instead of escalating", () => {
    expect(decide({ ratio: 0.95, now: 10_000, lastRun: rechecking, settings: { escalateTo: "none" } })).toMatchObject({ kind: "idle", closeRun: "not_escalated" });
  });

  it("cools down after a run, then acts again", () => {
    for (const state of ["recovered", "escalated", "not_escalated", "failed"] as const) {
      expect(decide({ ratio: 0.99, now: 60_000, lastRun: { at: at(0), state } })).toMatchObject({ kind: "cooldown", until: at(1_800_000) });
    }
    expect(decide({ ratio: 0.99, now: 1_800_000, lastRun: { at: at(0), state: "escalated" } })).toMatchObject({ kind: "cleanup" });
    expect(decide({ ratio: 0.5, now: 1_800_000, lastRun: { at: at(0), state: "escalated" } })).toMatchObject({ kind: "idle" });
  });

  it("a run that never got its recheck (no data) is over after the cooldown", () => {
    expect(decide({ ratio: 0.99, now: 1_800_000, lastRun: rechecking })).toMatchObject({ kind: "cleanup" });
  });
});
