import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getOnCallSummary } from "@/lib/incidents/get-on-call-summary";
import { at, createTarget } from "@/tests/support/alert-fixtures";
import { newKey } from "@/tests/support/remediation-fixtures";

afterAll(() => db.$disconnect());

async function targetIn(state: string, incident: "open" | "resolved" | null) {
  const target = await createTarget();
  await db.targetAlertStatus.create({ data: { targetId: target.id, nextEvaluationAt: at(0), evaluatedAt: at(0), state } });
  if (incident) {
    await db.incident.create({ data: { targetId: target.id, title: "t", severity: "SEV-2", openedAt: at(0), status: incident, resolvedAt: incident === "resolved" ? at(60) : null } });
  }
  return target;
}

async function request(targetId: number, expiresAt: Date) {
  await db.remediationAction.create({
    data: {
      targetId, actionId: "emergency-restart", risk: "destructive", params: {}, idempotencyKey: newKey(), state: "awaiting_approval",
      requestedByKind: "user", requestedByLabel: "oncall@test", requestedByRole: "responder", requestedAt: at(0), approvalExpiresAt: expiresAt,
    },
  });
}

describe("the on-call summary the navigation and tab title carry", () => {
  it("counts open incidents whose alert fires now, the worst severity, and approvals still waiting", async () => {
    const now = new Date(at(0).getTime() + 60_000);
    expect(await getOnCallSummary({ now })).toEqual({ firingIncidents: 0, worstSeverity: null, pendingApprovals: 0 });

    const sev2 = await targetIn("SEV-2", "open");
    await targetIn("ok", "open"); // waiting out its grace period: not firing
    await targetIn("SEV-1", "resolved"); // firing again but no incident open yet (cannot last), not counted
    expect(await getOnCallSummary({ now })).toEqual({ firingIncidents: 1, worstSeverity: "SEV-2", pendingApprovals: 0 });

    await targetIn("SEV-1", "open");
    await request(sev2.id, new Date(now.getTime() + 60_000));
    await request(sev2.id, new Date(now.getTime() - 1)); // expired, not yet swept
    expect(await getOnCallSummary({ now })).toEqual({ firingIncidents: 2, worstSeverity: "SEV-1", pendingApprovals: 1 });
  });
});
