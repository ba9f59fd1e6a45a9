import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getIncident } from "@/lib/incidents/get-incident";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { at, createTarget, eventsOf, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("incidents follow the target's alert", () => {
  it("open when the alert first fires, escalate with severity, resolve after the grace period", async () => {
    const target = await createTarget({ webhookUrl: "http://127.0.0.1:9/unused" });
    await holdRatio(target.id, 0, 390, 0.9);
    await holdRatio(target.id, 405, 990, 0.97);
    await holdRatio(target.id, 1005, 2000, 0.5);
    const worker = evaluator("worker");

    await runEvaluations([worker], 0, 285);
    expect(await db.incident.count()).toBe(0); // pending is not an incident

    await runEvaluations([worker], 300, 300);
    let incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    expect(incident).toMatchObject({ status: "open", severity: "SEV-2", openedAt: at(300), title: `HighMemoryUsage on Target ${target.slug}` });

    // SEV-1 pending at 405, firing 5 min later.
    await runEvaluations([worker], 315, 690);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).severity).toBe("SEV-2");
    await runEvaluations([worker], 705, 705);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).severity).toBe("SEV-1");

    // Both resolve at 1005; the incident waits out the 5-minute grace period.
    await runEvaluations([worker], 720, 1290);
    incident = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(incident.status).toBe("open");
    await runEvaluations([worker], 1305, 1305);
    incident = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(incident).toMatchObject({ status: "resolved", resolvedAt: at(1305), severity: "SEV-1" });

    expect(await eventsOf(incident.id)).toEqual([
      { s: 0, kind: "alert_transition", summary: "SEV-2 pending: memory above 85.0%" },
      { s: 300, kind: "alert_transition", summary: "SEV-2 firing: memory above 85.0% for 5 min" },
      { s: 300, kind: "alert_transition", summary: "Incident opened: SEV-2" },
      { s: 405, kind: "alert_transition", summary: "SEV-1 pending: memory at 97.0% is above 95.0%" },
      { s: 705, kind: "alert_transition", summary: "SEV-1 firing: memory above 95.0% for 5 min" },
      { s: 705, kind: "alert_transition", summary: "Escalated to SEV-1" },
      { s: 1005, kind: "alert_transition", summary: "SEV-2 resolved: memory at 50.0%, not above 85.0%" },
      { s: 1005, kind: "alert_transition", summary: "SEV-1 resolved: memory at 50.0%, not above 95.0%" },
      { s: 1005, kind: "alert_transition", summary: "Alert resolved; the incident resolves after 5 min unless it fires again" },
      { s: 1305, kind: "alert_transition", summary: "Incident resolved: no alert firing for 5 min" },
    ]);
    // One notification per change the receiver must hear: firing, SEV-2 → SEV-1, resolved.
    const notifications = await db.notificationDelivery.findMany({ where: { targetId: target.id }, orderBy: { id: "asc" } });
    expect(notifications.map((n) => [n.kind, (n.createdAt.getTime() - at(0).getTime()) / 1000])).toEqual([
      ["firing", 300],
      ["severity_change", 705],
      ["resolved", 1005],
    ]);
    expect(notifications.every((n) => n.incidentId === incident.id)).toBe(true);

    const [listed] = await listIncidents({ targetId: target.id });
    expect(listed).toMatchObject({ id: incident.id, status: "resolved", severity: "SEV-1", target: { slug: target.slug }, eventCount: 10 });
    expect((await getIncident({ id: incident.id })).events).toHaveLength(10);
  });

  it("continues the same incident when the alert fires again within the grace period, and opens a new one after it", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 300, 0.9); // fires at 300
    await holdRatio(target.id, 315, 400, 0.6); // resolves at 315
    await holdRatio(target.id, 405, 720, 0.9); // pending 405, fires 705: within the grace period (315 + 600 s)
    const worker = evaluator("worker", { graceSeconds: 600 });
    await runEvaluations([worker], 0, 720);
    const incidents = await db.incident.findMany({ where: { targetId: target.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0].status).toBe("open");
    const summaries = (await eventsOf(incidents[0].id)).map((e) => e.summary);
    expect(summaries).toContain("SEV-2 firing again within the grace period: the incident continues");

    // Resolved now for longer than the grace period, then firing again: a second incident.
    await holdRatio(target.id, 735, 1400, 0.6);
    await runEvaluations([worker], 735, 1400);
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidents[0].id } })).status).toBe("resolved");
    await holdRatio(target.id, 1415, 1800, 0.99);
    await runEvaluations([worker], 1415, 1715);
    const all = await db.incident.findMany({ where: { targetId: target.id }, orderBy: { id: "asc" } });
    expect(all.map((i) => [i.status, i.severity])).toEqual([
      ["resolved", "SEV-2"],
      ["open", "SEV-1"],
    ]);
  });
});
