import { describe, expect, it } from "vitest";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { planEvaluation, type PlanEvaluationOptions } from "@/lib/alerts/plan-evaluation";
import { initialTargetAlertStatus, type TargetAlertStatus } from "@/lib/alerts/target-alert-state";
import type { AlertState } from "@/lib/alerts/alert-state";

const rules = getDefaultRules();
const firing = (at: number): AlertState => ({ status: "firing", activeAt: at - 300_000, firedAt: at });
const status = (over: Partial<TargetAlertStatus> = {}): TargetAlertStatus => ({ ...initialTargetAlertStatus(), state: "ok", ...over });
const plan = (over: Partial<PlanEvaluationOptions>) =>
  planEvaluation({
    now: 1_000_000,
    rules,
    states: {},
    sample: { t: 1_000_000, value: 0.5 },
    scrapeFailed: false,
    previous: status(),
    silence: null,
    expiredSilences: [],
    openIncident: null,
    hasWebhook: true,
    graceMs: 300_000,
    ...over,
  });

describe("planEvaluation", () => {
  it("shows ok, pending or no data while nothing fires", () => {
    expect(plan({}).status.state).toBe("ok");
    expect(plan({ sample: { t: 1_000_000, value: 0.9 } }).status.state).toBe("pending");
    expect(plan({ sample: null }).status.state).toBe("no_data");
    expect(plan({ scrapeFailed: true }).status.state).toBe("no_data");
    expect(plan({ sample: { t: 1_000_000, value: 0.9 } })).toMatchObject({ incident: null, notification: null, events: [] });
  });

  it("shows SEV-1 over SEV-2 while both fire, opens the incident at SEV-1 and notifies once", () => {
    const now = 1_000_000;
    const result = plan({
      sample: { t: now, value: 0.97 },
      states: { "SEV-2": { status: "pending", activeAt: now - 300_000 }, "SEV-1": { status: "pending", activeAt: now - 300_000 } },
      previous: status({ state: "pending", stateSince: now - 300_000 }),
    });
    expect(result.status).toMatchObject({ state: "SEV-1", stateSince: now, notifiedSeverity: "SEV-1" });
    expect(result.incident).toEqual({ action: "open", severity: "SEV-1" });
    expect(result.notification).toEqual({ kind: "firing", severity: "SEV-1", previousSeverity: null, noData: false });
    expect(result.transitions.map((t) => `${t.rule}:${t.to}`)).toEqual(["SEV-2:firing", "SEV-1:firing"]);
  });

  it("notifies a severity change down as well as up, but never de-escalates the incident", () => {
    const now = 2_000_000;
    const result = plan({
      now,
      sample: { t: now, value: 0.9 },
      states: { "SEV-2": firing(now - 600_000), "SEV-1": firing(now - 60_000) },
      previous: status({ state: "SEV-1", stateSince: now - 60_000, notifiedSeverity: "SEV-1" }),
      openIncident: { id: 7, severity: "SEV-1" },
    });
    expect(result.status.state).toBe("SEV-2");
    expect(result.incident).toBeNull();
    expect(result.notification).toMatchObject({ kind: "severity_change", severity: "SEV-2", previousSeverity: "SEV-1" });
  });

  it("holds a firing alert with no data when the scrape failed, and announces that once", () => {
    const now = 3_000_000;
    const options = {
      now,
      sample: null,
      scrapeFailed: true,
      states: { "SEV-2": firing(now - 60_000) },
      openIncident: { id: 1, severity: "SEV-2" as const },
    };
    const first = plan({ ...options, previous: status({ state: "SEV-2", notifiedSeverity: "SEV-2" }) });
    expect(first.status).toMatchObject({ state: "SEV-2", noData: true, notifiedNoData: true });
    expect(first.notification).toMatchObject({ kind: "no_data", severity: "SEV-2" });
    expect(first.events.map((e) => e.summary)).toContainEqual(expect.stringMatching(/^No data:/));
    const second = plan({ ...options, now: now + 15_000, states: first.states, previous: first.status });
    expect(second.notification).toBeNull();
    expect(second.events).toEqual([]);
  });

  it("resolves the incident only after the grace period", () => {
    const now = 4_000_000;
    const base = { sample: { t: now, value: 0.5 }, openIncident: { id: 1, severity: "SEV-2" as const }, hasWebhook: false };
    const within = plan({ ...base, now, previous: status({ state: "ok", resolvedSince: now - 299_999 }) });
    expect(within).toMatchObject({ incident: null, status: { resolvedSince: now - 299_999 } });
    const after = plan({ ...base, now, previous: status({ state: "ok", resolvedSince: now - 300_000 }) });
    expect(after).toMatchObject({ incident: { action: "resolve" }, status: { resolvedSince: null } });
    expect(after.events.at(-1)?.summary).toBe("Incident resolved: no alert firing for 5 min");
  });

  it("records suppression by a silence only when the alert changes, and the missing webhook once", () => {
    const now = 5_000_000;
    const silence = { id: 4, endsAt: now + 60_000, createdByEmail: "lead@x", comment: "c" };
    const states = { "SEV-2": { status: "pending", activeAt: now - 300_000 } as AlertState };
    const fired = plan({ now, sample: { t: now, value: 0.9 }, states, previous: status({ state: "pending" }), silence });
    expect(fired.notification).toBeNull();
    expect(fired.status.notifiedSeverity).toBeNull();
    expect(fired.events.filter((e) => e.kind === "notification")).toHaveLength(1);
    const still = plan({ now: now + 15_000, sample: { t: now + 15_000, value: 0.9 }, states: fired.states, previous: fired.status, silence, openIncident: { id: 1, severity: "SEV-2" } });
    expect(still.events).toEqual([]);

    const noHook = plan({ now, sample: { t: now, value: 0.9 }, states, previous: status({ state: "pending" }), hasWebhook: false });
    expect(noHook.events.at(-1)?.summary).toBe("Not notified (SEV-2 firing): this target has no webhook");
    expect(noHook.status.notifiedSeverity).toBe("SEV-2");
  });
});

describe("describeRuleChanges", () => {
  it("names each changed field of each rule, with 'off' for an option turned on or off", async () => {
    const { describeRuleChanges } = await import("@/lib/alerts/describe-rule-changes");
    const before = getDefaultRules();
    const after = [{ ...before[0], threshold: 0.7, recoveryThreshold: 0.65 }, before[1]];
    expect(describeRuleChanges(before, after)).toEqual(["SEV-2 threshold 85.0% → 70.0%", "SEV-2 recovery level off → 65.0%"]);
  });
});
