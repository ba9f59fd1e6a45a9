import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { backtestTargetRules } from "@/lib/alerts/backtest-target-rules";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { getIncidentReview } from "@/lib/reviews/get-incident-review";
import { absoluteLink } from "@/lib/reviews/plan-review-links";
import { UPDATE_CONFIGURATION, UPDATE_THRESHOLDS } from "@/lib/reviews/review-content";
import { at, createTarget, holdRatio, LIMIT_MB } from "@/tests/support/alert-fixtures";
import { createUsers, newKey, type TestUser } from "@/tests/support/remediation-fixtures";

let users: Record<"viewer" | "responder" | "lead" | "lead2" | "admin", TestUser>;
let target: { id: number; slug: string };
let incidentId: number;
let restartId: number;

beforeAll(async () => {
  users = await createUsers();
  target = await createTarget();
  incidentId = (await db.incident.create({ data: { targetId: target.id, title: "HighMemoryUsage", severity: "SEV-2", openedAt: at(0), status: "resolved", resolvedAt: at(3600) }, select: { id: true } })).id;
  await db.incidentEvent.createMany({
    data: [
      { incidentId, at: at(0), kind: "alert_transition", summary: "Incident opened: SEV-2", data: { incident: "opened", severity: "SEV-2" } },
      { incidentId, at: at(3600), kind: "alert_transition", summary: "Incident resolved", data: { incident: "resolved" } },
    ],
  });
  restartId = (await db.remediationAction.create({
    data: {
      targetId: target.id, actionId: "rolling-restart", risk: "destructive", params: { mode: "rolling" }, idempotencyKey: newKey(), state: "succeeded",
      requestedByKind: "user", requestedById: users.responder.id, requestedByLabel: users.responder.email, requestedByRole: "responder",
      requestedAt: at(1100), decidedAt: at(1200), decidedById: users.lead.id, decidedByLabel: users.lead.email, startedAt: at(1210), finishedAt: at(1300),
      transitions: [{ state: "awaiting_approval", at: at(1100).toISOString() }, { state: "approved", at: at(1200).toISOString(), by: users.lead.email }],
      result: { summary: "rolling restart done" }, incidentId,
    },
    select: { id: true },
  })).id;
  // 80 % for the half hour before, 90 % during with a 97 % peak, 50 % after the restart.
  await holdRatio(target.id, -1800, -15, 0.8);
  await holdRatio(target.id, 0, 1200, 0.9);
  await holdRatio(target.id, 607, 607, 0.97);
  await holdRatio(target.id, 1305, 5400, 0.5);
  const rules = getDefaultRules().map((r) => (r.name === "SEV-2" ? { ...r, threshold: 0.8 } : r));
  await updateAlertRules({ targetId: target.id, rules, expectedVersion: 0, comment: "earlier warning", confirmFiring: true, actor: users.admin, now: at(1800) });
});
afterAll(() => db.$disconnect());

describe("a review's evidence from stored data", () => {
  it("charts the incident window with the restart, its approval, the alert transitions and the threshold edit marked", async () => {
    const { evidence, timeline } = await getIncidentReview({ incidentId, now: at(7200) });
    expect(evidence.chart.axis).toEqual({ from: at(-1800).getTime(), to: at(5400).getTime() });
    expect(evidence.chart.points[0].t).toBeGreaterThanOrEqual(at(-1800).getTime());
    expect(evidence.chart.points.at(-1)!.t).toBeLessThanOrEqual(at(5400).getTime());
    expect(evidence.chart.limitMb).toBe(LIMIT_MB);
    expect(evidence.chart.thresholds["SEV-2"].ratio).toBe(0.8);
    const labels = evidence.chart.markers.flatMap((m) => m.labels);
    expect(labels).toEqual(["Opened SEV-2", "Approved: Rolling restart", "Rolling restart ✓", "Thresholds changed", "Incident resolved"]);
    const change = timeline.find((e) => e.kind === "threshold_change");
    expect(change?.summary).toBe(`Thresholds changed by ${users.admin.email}: SEV-2 threshold 85.0% → 80.0% (“earlier warning”)`);
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect(restartId).toBeGreaterThan(0);
  });

  it("finds the peak, diagnoses at open and at peak, proposes limits from it and links the backtest to the window", async () => {
    const { evidence, review } = await getIncidentReview({ incidentId, now: at(7200) });
    expect(evidence.peak).toEqual({ t: at(607).getTime(), valueMb: 970 });
    expect(evidence.diagnoses.atOpen).toMatchObject({ at: at(0).toISOString(), totalMb: 900 });
    expect(evidence.diagnoses.atPeak).toMatchObject({ at: at(607).toISOString(), totalMb: 970, percent: 97 });
    // 970 × 1.25 = 1,212.5 → 1,280 MB; the window's median is the 50 % after the restart → 512 MB.
    expect(evidence.limits).toMatchObject({ peakMb: 970, limitMb: 1280, reservationMb: 512 });
    expect(evidence.limits!.yaml).toContain(`  ${target.slug}:`);
    expect(evidence.evidence[1]).toMatch(/^At peak: 970 MB \(97\.0% of the limit\)/);
    const backtest = new URL(evidence.links.backtest, "http://x");
    expect(backtest.searchParams.get("from")).toBe(at(-1800).toISOString());
    expect(backtest.searchParams.get("to")).toBe(at(5400).toISOString());
    expect(backtest.searchParams.get("sev2")).toBe("80");
    // A new draft's checklist carries the links (full URLs when the console's URL is configured).
    const links = Object.fromEntries(review.followUps.map((f) => [f.item, f.link]));
    expect(links[UPDATE_THRESHOLDS]).toBe(absoluteLink(env().NEXTAUTH_URL, evidence.links.backtest));
    expect(links[UPDATE_CONFIGURATION]).toBe(absoluteLink(env().NEXTAUTH_URL, `/incidents/${incidentId}/review#proposed-limits`));
  });

  it("backtests an explicit window, clamped to now", async () => {
    const result = await backtestTargetRules({ targetId: target.id, memoryLimitMb: LIMIT_MB, days: 7, proposed: getDefaultRules(), window: { from: at(-1800), to: at(9000) }, now: at(5400) });
    expect(result.from).toBe(at(-1800).toISOString());
    expect(result.to).toBe(at(5400).toISOString());
    expect(result.firstSampleAt).toBe(at(-1800).toISOString());
    expect(result.proposed.results.find((r) => r.rule === "SEV-2")!.alertsFired).toBeGreaterThan(0);
  });
});
