import { describe, expect, it } from "vitest";
import type { ActionView } from "@/lib/remediation/action-view";
import { planReviewMarkers, reviewWindowOf } from "@/lib/reviews/plan-review-chart";
import { backtestLinkOf } from "@/lib/reviews/plan-review-links";
import { groupChartMarkers } from "@/lib/console/group-chart-markers";

const T0 = Date.UTC(2026, 11, 1, 10);
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

const restart = {
  id: 7, actionId: "rolling-restart", label: "Rolling restart", state: "succeeded", breakGlass: false,
  decidedAt: at(14), decidedBy: "lead@example.com", startedAt: at(15), finishedAt: at(17),
  transitions: [{ state: "awaiting_approval", at: at(10) }, { state: "approved", at: at(14), by: "lead@example.com" }],
} as unknown as ActionView;
const cleanup = { ...restart, id: 6, actionId: "cache-cleanup", label: "Clear expired cache entries", decidedAt: null, decidedBy: null, startedAt: at(5), transitions: [] } as unknown as ActionView;

describe("the review chart's window and marks", () => {
  it("spans 30 min before the opening to 30 min after the resolution, or to now while open", () => {
    expect(reviewWindowOf({ openedAt: at(0), resolvedAt: at(60), now: T0 + 300 * MIN })).toEqual({ from: T0 - 30 * MIN, to: T0 + 90 * MIN });
    expect(reviewWindowOf({ openedAt: at(0), resolvedAt: null, now: T0 + 20 * MIN })).toEqual({ from: T0 - 30 * MIN, to: T0 + 20 * MIN });
    // Resolved a moment ago: the half hour after it has not happened yet.
    expect(reviewWindowOf({ openedAt: at(0), resolvedAt: at(60), now: T0 + 70 * MIN }).to).toBe(T0 + 70 * MIN);
  });

  it("marks alert transitions, mitigation, each approval and run, and threshold edits, in time order, inside the window only", () => {
    const markers = planReviewMarkers({
      events: [
        { id: "1", at: at(-2), kind: "alert_transition", summary: "SEV-2 pending", data: { rule: "SEV-2", from: "inactive", to: "pending" } },
        { id: "2", at: at(0), kind: "alert_transition", summary: "Incident opened: SEV-2", data: { incident: "opened", severity: "SEV-2" } },
        { id: "3", at: at(1), kind: "note", summary: "looking", data: {} },
        { id: "4", at: at(20), kind: "mitigation", summary: "Mitigated", data: { mitigation: "mitigated" } },
        { id: "5", at: at(25), kind: "alert_transition", summary: "Incident resolved", data: { incident: "resolved" } },
      ],
      actions: [restart, cleanup],
      changes: [
        { id: "audit-1", at: at(40), kind: "threshold_change", by: "admin@example.com", summary: "Thresholds changed" },
        { id: "audit-2", at: at(200), kind: "settings_change", by: "admin@example.com", summary: "late" },
      ],
      window: { from: T0 - 30 * MIN, to: T0 + 60 * MIN },
    });
    expect(markers.map((m) => [m.label, m.tone])).toEqual([
      ["SEV-2 pending", "warn"],
      ["Opened SEV-2", "crit"],
      ["Clear expired cache entries ✓", "ok"],
      ["Approved: Rolling restart", "info"],
      ["Rolling restart ✓", "ok"],
      ["Mitigated", "ok"],
      ["Incident resolved", "ok"],
      ["Thresholds changed", "warn"],
    ]);
  });

  it("groups marks too close to tell apart as events, with the most alarming tone", () => {
    const groups = groupChartMarkers({ markers: [{ t: 0, label: "a", tone: "ok" }, { t: 10, label: "b", tone: "warn" }], withinMs: 60, noun: "events" });
    expect(groups).toEqual([{ t: 0, label: "2 events", tone: "warn", count: 2, labels: ["a", "b"] }]);
  });

  it("links the backtest to the window with the current thresholds", () => {
    const link = backtestLinkOf({
      slug: "api",
      window: { from: T0, to: T0 + 60 * MIN },
      thresholds: { "SEV-2": { ratio: 0.85, forSeconds: 300, lookbackSeconds: 60 }, "SEV-1": { ratio: 0.95, forSeconds: 120, lookbackSeconds: 60 } },
    });
    const url = new URL(link, "http://x");
    expect(url.pathname).toBe("/targets/api/backtest");
    expect(Object.fromEntries(url.searchParams)).toEqual({ sev2: "85", sev2for: "300", sev1: "95", sev1for: "120", from: at(0), to: at(60) });
  });
});
