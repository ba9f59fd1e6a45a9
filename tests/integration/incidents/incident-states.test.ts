import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { incidentStateOf } from "@/lib/incidents/incident-state";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { markIncidentReviewed } from "@/lib/incidents/mark-incident-reviewed";
import { AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { at, createTarget, eventsOf, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";
import { createUsers, newKey } from "@/tests/support/remediation-fixtures";

afterAll(() => db.$disconnect());

const stateOf = async (id: number) => incidentStateOf(await db.incident.findUniqueOrThrow({ where: { id } }));

/** A remediation that succeeded at `s` seconds after T0, as a run records it. */
async function succeededAction(targetId: number, s: number) {
  return db.remediationAction.create({
    data: {
      targetId,
      actionId: "cache-cleanup",
      risk: "safe",
      params: {},
      idempotencyKey: newKey(),
      state: "succeeded",
      requestedByKind: "user",
      requestedByLabel: "oncall@test",
      requestedByRole: "responder",
      requestedAt: at(s - 5),
      startedAt: at(s - 5),
      finishedAt: at(s),
    },
    select: { id: true },
  });
}

describe("the on-call states of an incident", () => {
  it("open → acknowledged → mitigated after an action (not by falling back alone) → resolved → reviewed", async () => {
    const users = await createUsers();
    const target = await createTarget();
    await holdRatio(target.id, 0, 600, 0.9);
    await holdRatio(target.id, 615, 700, 0.5);
    await holdRatio(target.id, 715, 1100, 0.9);
    await holdRatio(target.id, 1115, 2500, 0.5);
    // A 20-min grace period: the second firing continues the same incident.
    const worker = evaluator("worker", { graceSeconds: 1200 });

    await runEvaluations([worker], 0, 300);
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    expect(await stateOf(incident.id)).toBe("open");

    await acknowledgeIncident({ incidentId: incident.id, actor: users.responder, now: at(320) });
    expect(await stateOf(incident.id)).toBe("acknowledged");

    // Memory falls at 615 without an action: not mitigated, only resolving.
    await runEvaluations([worker], 315, 690);
    expect(await stateOf(incident.id)).toBe("acknowledged");
    // It fires again (pending at 715, firing at 1015); this time a cleanup succeeds at 1050.
    await runEvaluations([worker], 705, 1035);
    const action = await succeededAction(target.id, 1050);
    await runEvaluations([worker], 1050, 1110);
    expect(await stateOf(incident.id)).toBe("acknowledged");
    await runEvaluations([worker], 1125, 1125);
    expect(await stateOf(incident.id)).toBe("mitigated");
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).mitigatedAt).toEqual(at(1125));

    const mitigations = await db.auditEvent.findMany({ where: { incidentId: incident.id, type: "incident.mitigated" } });
    expect(mitigations).toHaveLength(1);
    expect(mitigations[0]).toMatchObject({ actorKind: "system", remediationId: action.id });

    await runEvaluations([worker], 1140, 2340);
    const resolved = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(resolved.status).toBe("resolved");
    expect(incidentStateOf(resolved)).toBe("resolved");

    await db.$transaction((tx) => markIncidentReviewed({ tx, incidentId: incident.id, actor: users.lead, now: at(2000) }), AUDIT_TX_OPTIONS);
    expect(await stateOf(incident.id)).toBe("reviewed");

    const onCall = (await eventsOf(incident.id)).filter((e) => ["acknowledgement", "mitigation", "review"].includes(e.kind));
    expect(onCall).toEqual([
      { s: 320, kind: "acknowledgement", summary: `Acknowledged by ${users.responder.email}` },
      { s: 1125, kind: "mitigation", summary: `Mitigated: memory is back under the firing threshold after cache-cleanup (#${action.id})` },
      { s: 2000, kind: "review", summary: `Review published by ${users.lead.email}` },
    ]);
  });

  it("a mitigated incident that fires again is back to open (or acknowledged), recorded on the timeline and audited", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 400, 0.9);
    await holdRatio(target.id, 415, 500, 0.5);
    await holdRatio(target.id, 515, 900, 0.9);
    const worker = evaluator("worker", { graceSeconds: 1200 });
    await runEvaluations([worker], 0, 300);
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    await succeededAction(target.id, 410);
    await runEvaluations([worker], 315, 420);
    expect(await stateOf(incident.id)).toBe("mitigated");
    // Within the grace period it fires again at 815 (pending at 515, for 5 min).
    await runEvaluations([worker], 435, 810);
    expect(await stateOf(incident.id)).toBe("mitigated");
    await runEvaluations([worker], 825, 825);
    expect(await stateOf(incident.id)).toBe("open");
    const events = (await eventsOf(incident.id)).filter((e) => e.kind === "mitigation");
    expect(events.map((e) => [e.s, e.summary])).toEqual([
      [420, expect.stringMatching(/^Mitigated: memory is back under the firing threshold after cache-cleanup/)],
      [825, "SEV-2 firing again after it was mitigated: the incident is open again"],
    ]);
    expect(await db.auditEvent.count({ where: { incidentId: incident.id, type: "incident.mitigation_lost" } })).toBe(1);
  });
});
