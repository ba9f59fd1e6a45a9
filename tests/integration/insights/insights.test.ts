import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getInsights } from "@/lib/insights/get-insights";
import { writeSamples } from "@/lib/metrics/write-samples";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";
import type { TargetServer } from "@/simulator/server";
import { runRemediation } from "@/tests/support/run-in-worker";
import { asActor, createSimulatedTarget, createUsers, newKey, testContext } from "@/tests/support/remediation-fixtures";

const MIN = 60_000;
const T0 = new Date(Date.UTC(2026, 10, 20, 9, 0)).getTime();
const servers: TargetServer[] = [];
let users: Awaited<ReturnType<typeof createUsers>>;

beforeAll(async () => {
  users = await createUsers();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await db.$disconnect();
});

async function createTarget(slug: string) {
  return db.target.create({ data: { slug, name: slug, baseUrl: "http://127.0.0.1:1", memoryLimitMb: 2_000 }, select: { id: true, slug: true } });
}

type Seeded = {
  targetId: number;
  actionId?: string;
  minute: number;
  freedMb: number | null;
  state?: string;
  pattern?: string | null;
  component?: string | null;
  confounded?: boolean;
  groupId?: number;
  incidentId?: number | null;
  /** Total memory sampled in the 30 minutes after it finished. */
  afterMb?: number[];
};

let keyCounter = 0;
async function seedAction(a: Seeded): Promise<number> {
  const at = new Date(T0 + a.minute * MIN);
  const finished = new Date(at.getTime() + 2_000);
  const row = await db.remediationAction.create({
    data: {
      targetId: a.targetId,
      actionId: a.actionId ?? "cache-cleanup",
      risk: "safe",
      params: {},
      idempotencyKey: `seed-${(keyCounter += 1)}-${process.pid}`,
      state: a.state ?? "succeeded",
      requestedByKind: "user",
      requestedByLabel: "oncall@example.com",
      requestedByRole: "responder",
      requestedAt: at,
      startedAt: at,
      finishedAt: finished,
      incidentId: a.incidentId ?? null,
      memoryBeforeMb: a.freedMb === null ? null : 1_800,
      memoryAfter1mMb: a.freedMb === null ? null : 1_800 - a.freedMb,
      effectStatus: a.freedMb === null ? "unavailable" : "complete",
      effectConfounded: a.confounded ?? false,
      diagnosisPattern: a.pattern === undefined ? "gradual" : a.pattern,
      diagnosisComponent: a.component === undefined ? "cache" : a.component,
    },
    select: { id: true },
  });
  await db.remediationAction.update({ where: { id: row.id }, data: { effectGroupId: a.groupId ?? row.id } });
  const samples: StoredSample[] = (a.afterMb ?? []).map((valueMb, i) => ({
    targetId: a.targetId,
    metricName: METRIC.systemUsed,
    labels: "",
    timestamp: new Date(finished.getTime() + (i + 1) * 5 * MIN),
    valueMb,
  }));
  await writeSamples({ samples });
  return row.id;
}

describe("getInsights", () => {
  it("has no rows before anything ran", async () => {
    expect((await getInsights({ now: new Date(T0) })).diagnoses).toEqual([]);
  });

  it("reads what worked per recorded diagnosis from incidents, actions and the samples after them", async () => {
    const leaky = await createTarget("insights-leaky");
    const other = await createTarget("insights-other");
    const incident = (minute: number) =>
      db.incident.create({ data: { targetId: leaky.id, title: "HighMemoryUsage", severity: "SEV-2", status: "resolved", openedAt: new Date(T0 + minute * MIN), resolvedAt: new Date(T0 + (minute + 60) * MIN) }, select: { id: true } });
    const [i1, i2, i3] = [await incident(0), await incident(300), await incident(600)];
    // Three cache cleanups measured alone during leak incidents; one was followed by memory back above 1,700 MB (85 % of 2,000).
    await seedAction({ targetId: leaky.id, minute: 0, freedMb: 250, incidentId: i1.id, afterMb: [1_500, 1_600] });
    await seedAction({ targetId: leaky.id, minute: 300, freedMb: 310, incidentId: i2.id, afterMb: [1_500, 1_750] });
    await seedAction({ targetId: leaky.id, minute: 600, freedMb: 400, incidentId: i3.id, afterMb: [1_400] });
    // A cache cleanup and a GC measured together (one group): apart from the median.
    const lead = await seedAction({ targetId: leaky.id, minute: 900, freedMb: 900, confounded: true, afterMb: [1_200] });
    await seedAction({ targetId: leaky.id, minute: 900, freedMb: 900, confounded: true, groupId: lead, actionId: "force-gc" });
    // A restart 10 minutes after the third cleanup; a failed run; one from before diagnoses were recorded.
    await seedAction({ targetId: leaky.id, minute: 610, freedMb: 500, actionId: "rolling-restart" });
    await seedAction({ targetId: leaky.id, minute: 1_000, freedMb: null, state: "failed" });
    await seedAction({ targetId: leaky.id, minute: 1_100, freedMb: 50, pattern: null, component: null });
    // Another service's spike.
    await seedAction({ targetId: other.id, minute: 50, freedMb: 120, pattern: "spike", component: null, actionId: "agent-pool-resize" });

    const now = new Date(T0 + 2 * 24 * 60 * MIN);
    const all = await getInsights({ now });
    expect(all.diagnoses.map((d) => [d.key, d.uses])).toEqual([
      ["gradual:cache", 6],
      ["spike:none", 1],
      ["unrecorded:none", 1],
    ]);
    const leak = all.diagnoses[0];
    const cache = leak.mitigations.find((m) => m.actionId === "cache-cleanup")!;
    expect(cache).toMatchObject({
      label: "Clear expired cache entries",
      uses: 4,
      failed: 1,
      incidents: 3,
      alone: { count: 3, medianMb: 310, minMb: 250, maxMb: 400 },
      together: { uses: 1, groups: { count: 1, medianMb: 900, minMb: 900, maxMb: 900 } },
      unmeasured: 0,
      backAboveThreshold: { yes: 1, known: 4 },
      restartFollowed: { yes: 1, known: 4 },
    });
    expect(leak.mitigations.find((m) => m.actionId === "force-gc")).toMatchObject({ uses: 1, alone: null, together: { uses: 1 }, backAboveThreshold: { yes: 0, known: 1 } });

    const one = await getInsights({ targetSlug: other.slug, now });
    expect(one.diagnoses.map((d) => d.key)).toEqual(["spike:none"]);
    expect(one.diagnoses[0].mitigations[0]).toMatchObject({ actionId: "agent-pool-resize", uses: 1, alone: { count: 1, medianMb: 120 } });
  });
});

describe("a requested action", () => {
  it("records the diagnosis the target page shows at that moment", async () => {
    const { server, target } = await createSimulatedTarget({ scenario: "leak" });
    servers.push(server);
    await db.target.update({ where: { id: target.id }, data: { memoryLimitMb: 4_000 } });
    // Three hours of a leak in the cache: it grows 10 MB a minute, everything else stays put.
    const now = Date.now();
    const samples: StoredSample[] = [];
    for (let t = now - 3 * 60 * MIN; t <= now; t += 15_000) {
      const minutes = (t - (now - 3 * 60 * MIN)) / MIN;
      const wobble = Math.sin(t / 47_000) * 3;
      const parts = { api_service: 400 + wobble, agent_system: 600 - wobble, database: 300, cache: 200 + 10 * minutes, redis: 100 };
      const timestamp = new Date(t);
      samples.push({ targetId: target.id, metricName: METRIC.systemUsed, labels: "", timestamp, valueMb: Object.values(parts).reduce((a, b) => a + b, 0) });
      for (const [component, valueMb] of Object.entries(parts)) samples.push({ targetId: target.id, metricName: METRIC.componentUsed, labels: formatLabels({ component }), timestamp, valueMb });
    }
    await writeSamples({ samples });
    const input = { targetSlug: target.slug, actionId: "cache-cleanup", params: {}, idempotencyKey: newKey() };
    const outcome = await runRemediation({ actor: asActor(users.responder), input, context: testContext() });
    expect(outcome.ok).toBe(true);
    const row = await db.remediationAction.findFirstOrThrow({ where: { targetId: target.id }, select: { diagnosisPattern: true, diagnosisComponent: true } });
    expect(row).toEqual({ diagnosisPattern: "gradual", diagnosisComponent: "cache" });
  });
});
