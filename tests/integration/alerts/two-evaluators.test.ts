import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evaluateTargetAlerts } from "@/lib/alerts/evaluate-target-alerts";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { at, createTarget, evaluator, holdRatio, runEvaluations, transitionsOf } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("two evaluator replicas on one database", () => {
  it("split the targets and record each transition, incident and notification once", async () => {
    const targets = [];
    for (let i = 0; i < 6; i++) targets.push(await createTarget({ webhookUrl: "http://127.0.0.1:9/unused" }));
    for (const t of targets) await holdRatio(t.id, 0, 450, 0.96);

    // Each claims at most three targets per tick, so both have work every tick.
    const a = evaluator("replica-a", { batchSize: 3 });
    const b = evaluator("replica-b", { batchSize: 3 });
    await runEvaluations([a, b], 0, 450);

    const workers = new Set<string>();
    for (const target of targets) {
      const transitions = await transitionsOf(target.id);
      expect(transitions.map(({ rule, to, s }) => ({ rule, to, s }))).toEqual([
        { rule: "SEV-2", to: "pending", s: 0 },
        { rule: "SEV-1", to: "pending", s: 0 },
        { rule: "SEV-2", to: "firing", s: 300 },
        { rule: "SEV-1", to: "firing", s: 300 },
      ]);
      transitions.forEach((t) => workers.add(t.worker));
      const incidents = await db.incident.findMany({ where: { targetId: target.id } });
      expect(incidents.map((i) => [i.status, i.severity])).toEqual([["open", "SEV-1"]]);
      const notifications = await db.notificationDelivery.findMany({ where: { targetId: target.id } });
      expect(notifications.map((n) => n.kind)).toEqual(["firing"]);
      const events = await db.incidentEvent.findMany({ where: { incidentId: incidents[0].id } });
      expect(events.filter((e) => e.summary.startsWith("Incident opened"))).toHaveLength(1);
    }
    expect([...workers].sort()).toEqual(["replica-a", "replica-b"]);
  });

  it("serialise evaluations that bypass the schedule: of five racing at one instant, one evaluates", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 0, 0.99);
    const race = () =>
      evaluateTargetAlerts({ targetId: target.id, now: at(0), workerId: `racer-${Math.random()}`, graceMs: 300_000, maxAttempts: 3, defaultRules: getDefaultRules({ forSeconds: 0 }) });
    const results = await Promise.all([race(), race(), race(), race(), race()]);
    expect(results.filter((r) => r.evaluated)).toHaveLength(1);
    expect(results.filter((r) => !r.evaluated).every((r) => !r.evaluated && r.reason === "already_evaluated")).toBe(true);
    expect(await db.alertTransitionRecord.count({ where: { targetId: target.id } })).toBe(2); // SEV-2 and SEV-1 fire with for: 0
    expect(await db.incident.count({ where: { targetId: target.id } })).toBe(1);

    // An evaluation older than the stored one (a replica with a slow clock) changes nothing.
    const late = await evaluateTargetAlerts({ targetId: target.id, now: at(-5), workerId: "slow-clock", graceMs: 300_000, maxAttempts: 3 });
    expect(late).toEqual({ evaluated: false, reason: "already_evaluated" });
  });
});
