import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getOverview } from "@/lib/console/get-overview";
import { getTargetView } from "@/lib/console/get-target-view";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { METRIC, type StoredSample } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { insertUser } from "@/tests/support/user-fixtures";

afterAll(() => db.$disconnect());

const LIMIT = 1000;
const now = new Date();
const series = (targetId: number, fromAgoMs: number, toAgoMs: number, valueMb: number): StoredSample[] =>
  Array.from({ length: Math.floor((fromAgoMs - toAgoMs) / 15_000) + 1 }, (_, i) => ({
    targetId,
    metricName: METRIC.systemUsed,
    labels: "",
    timestamp: new Date(now.getTime() - fromAgoMs + i * 15_000),
    valueMb,
  }));

async function target(slug: string, scrape: { ok: boolean; error?: string }) {
  return db.target.create({
    data: { slug, name: slug, baseUrl: "http://127.0.0.1:9", memoryLimitMb: LIMIT, lastScrapeAt: now, lastScrapeOk: scrape.ok, lastScrapeError: scrape.error ?? null },
  });
}

describe("what the console's pages are served with their data", () => {
  it("each target's own thresholds, the data state and the state to show; the chart's axis and grouped markers", async () => {
    const admin = await insertUser("admin");
    const edited = await target("edited", { ok: true });
    const stale = await target("stale", { ok: true });
    await target("down", { ok: false, error: "connect ECONNREFUSED 127.0.0.1:9" });
    // "edited" holds 75 %: above its own SEV-2 line (70 %), below the default 85 %. Its history is 40 min long.
    await writeSamples({ samples: [...series(edited.id, 40 * 60_000, 0, 750), ...series(stale.id, 50 * 60_000, 20 * 60_000, 500)] });
    await updateAlertRules({
      targetId: edited.id,
      expectedVersion: 0,
      actor: admin,
      // At 75 % the new SEV-2 line goes pending at once: said so, and saved anyway on purpose.
      confirmFiring: true,
      rules: [
        { name: "SEV-2", threshold: 0.7, forSeconds: 120 },
        { name: "SEV-1", threshold: 0.9, forSeconds: 60 },
      ],
    });

    const overview = Object.fromEntries((await getOverview({ now })).map((t) => [t.slug, t]));
    expect(overview.edited).toMatchObject({
      thresholds: { "SEV-2": { ratio: 0.7, forSeconds: 120 }, "SEV-1": { ratio: 0.9, forSeconds: 60 } },
      level: "SEV-2",
      state: "ok",
      data: { status: "ok", message: null },
    });
    expect(overview.stale).toMatchObject({ thresholds: { "SEV-2": { ratio: 0.85 }, "SEV-1": { ratio: 0.95 } }, level: null, state: "no_data", data: { status: "stale" } });
    expect(overview.down).toMatchObject({ state: "no_data", data: { status: "target_down", message: expect.stringContaining("ECONNREFUSED") } });

    // Four actions within a few seconds of each other and one much later: two markers.
    const action = (startedAgoMs: number, actionId: string, state: string) =>
      db.remediationAction.create({
        data: {
          targetId: edited.id, actionId, risk: "safe", params: {}, idempotencyKey: `k-${actionId}-${startedAgoMs}`, state,
          requestedByKind: "user", requestedById: admin.id, requestedByLabel: admin.email, requestedByRole: "admin",
          requestedAt: new Date(now.getTime() - startedAgoMs), startedAt: new Date(now.getTime() - startedAgoMs),
        },
      });
    await action(30 * 60_000, "cache-cleanup", "succeeded");
    await action(30 * 60_000 - 2_000, "force-gc", "failed");
    await action(30 * 60_000 - 4_000, "agent-cleanup", "succeeded");
    await action(30 * 60_000 - 6_000, "agent-pool-resize", "succeeded");
    await action(5 * 60_000, "cache-cleanup", "succeeded");

    const view = await getTargetView({ slug: "edited", range: "24h", now });
    expect(view.thresholds["SEV-2"].ratio).toBe(0.7);
    expect(view).toMatchObject({ level: "SEV-2", state: "ok", alert: null, data: { status: "ok" } });
    expect(view.percent).toBeCloseTo(75);
    // The 24-hour range with 40 minutes of history: the axis starts at the first sample.
    expect(view.axis.from).toBe(view.memory.points[0].t);
    expect(now.getTime() - view.axis.from).toBeLessThanOrEqual(40 * 60_000);
    expect(view.markers.map((m) => [m.label, m.count, m.tone])).toEqual([
      ["4 actions", 4, "crit"],
      ["Clear expired cache entries ✓", 1, "ok"],
    ]);

    const empty = await getTargetView({ slug: "stale", range: "1h", now });
    expect(empty.data).toMatchObject({ status: "stale" });
    expect((await getTargetView({ slug: "down", range: "1h", now })).data.status).toBe("target_down");
  });

  it("what the viewer may do, per action, from the one permission table", async () => {
    await target("perm", { ok: true });
    const viewer = await listTargetActions({ slug: "perm", user: await insertUser("viewer") });
    const responder = await listTargetActions({ slug: "perm", user: await insertUser("responder") });
    const lead = await listTargetActions({ slug: "perm", user: await insertUser("lead") });
    expect(Object.values(viewer.viewer.mayRequest).some(Boolean)).toBe(false);
    expect(responder.viewer.mayRequest).toMatchObject({ "cache-cleanup": true, "rolling-restart": true });
    expect(responder.viewer.can).toMatchObject({ runSafe: true, runDestructive: false, approve: false });
    expect(lead.viewer.can).toMatchObject({ runDestructive: true, approve: true });
    // Break-glass only while SEV-1 fires: nothing is firing here.
    expect(lead.viewer.mayBreakGlass).toBe(false);
  });
});
