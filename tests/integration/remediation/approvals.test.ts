import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expireApprovals } from "@/lib/remediation/request/expire-approvals";
import { rejectAction } from "@/lib/remediation/request/reject-action";
import { approveAction, runRemediation } from "@/tests/support/run-in-worker";
import { asActor, auditRowsFor, control, newKey, simulatorFaults, simulatorState, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();
const target = () => simulatedTarget({ scenario: "db-pool-growth" });

async function request(user: keyof typeof users, slug: string, actionId = "db-pool-reset", context = testContext()) {
  const outcome = await runRemediation({ actor: asActor(users[user]), input: { targetSlug: slug, actionId, idempotencyKey: newKey(), confirmation: slug }, context });
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.action.state).toBe("awaiting_approval");
  return outcome.action;
}

const approve = (user: keyof typeof users, remediationId: number, context = testContext()) =>
  approveAction({ actor: asActor(users[user]), input: { remediationId, comment: "go ahead" }, context });

describe("a destructive action needs a second person", () => {
  it("a lead approves a responder's request, and it runs", async () => {
    const { server, target: t } = await target();
    const requested = await request("responder", t.slug);
    expect(await control(server.url, "GET", "/_control/state")).toMatchObject({ status: "up" });
    const approved = await approve("lead", requested.id);
    expect(approved.ok && approved.action).toMatchObject({ state: "succeeded", decidedBy: users.lead.email, decisionComment: "go ahead" });
    expect(approved.ok && approved.action.transitions.map((s) => s.state)).toEqual(["awaiting_approval", "approved", "running", "succeeded"]);
    const audit = await auditRowsFor({ remediationId: requested.id });
    expect(audit.map((r) => [r.type, r.actorLabel])).toEqual([
      ["remediation.requested", users.responder.email],
      ["remediation.approved", users.lead.email],
      ["remediation.started", users.lead.email],
      ["remediation.finished", users.lead.email],
    ]);
  });

  it("nobody approves their own request", async () => {
    const { target: t } = await target();
    const requested = await request("lead", t.slug);
    const own = await approve("lead", requested.id);
    expect(own).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/another lead must approve/) });
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).state).toBe("awaiting_approval");
    const refusal = await db.auditEvent.findFirstOrThrow({ where: { remediationId: requested.id, type: "remediation.decision_refused" } });
    expect(refusal).toMatchObject({ outcome: "denied", actorLabel: users.lead.email });
    // Nor around the code: the database refuses a row approved by its requester.
    await expect(db.remediationAction.update({ where: { id: requested.id }, data: { state: "approved", decidedById: users.lead.id } })).rejects.toThrow(/no_self_approval|check constraint/i);
    const other = await approve("lead2", requested.id);
    expect(other.ok && other.action.state).toBe("succeeded");
  });

  it("responders and viewers cannot approve; a policy cannot approve", async () => {
    const { target: t } = await target();
    const requested = await request("responder", t.slug);
    for (const who of ["responder", "viewer"] as const) {
      expect(await approve(who, requested.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    const policy = await approveAction({ actor: { kind: "policy", policyId: "auto-memory", grants: ["approve:remediation", "run:remediation:destructive"] }, input: { remediationId: requested.id }, context: testContext() });
    expect(policy).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).state).toBe("awaiting_approval");
  });

  it("expires when nobody approves in time, and fails closed", async () => {
    const { server, target: t } = await target();
    const t0 = Date.now();
    const requested = await request("responder", t.slug, "db-pool-reset", testContext({ approvalTtlMs: 60_000, now: () => new Date(t0) }));
    expect(Date.parse(requested.approvalExpiresAt!)).toBe(t0 + 60_000);
    const late = await approve("lead", requested.id, testContext({ now: () => new Date(t0 + 60_001) }));
    expect(late).toMatchObject({ ok: false, code: "EXPIRED" });
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } });
    expect(row).toMatchObject({ state: "expired", startedAt: null });
    expect((await auditRowsFor({ remediationId: requested.id })).map((r) => [r.type, r.outcome])).toEqual([
      ["remediation.requested", "awaiting_approval"],
      ["remediation.expired", "expired"],
      ["remediation.decision_refused", "expired"],
    ]);
    const faults = await simulatorFaults(server.url);
    expect(faults).toEqual([]);

    // The worker's sweep expires requests nobody even looked at.
    const forgotten = await request("responder", t.slug, "db-pool-reset", testContext({ approvalTtlMs: 60_000, now: () => new Date(t0) }));
    expect(await expireApprovals({ now: new Date(t0 + 59_000) })).toBe(0);
    expect(await expireApprovals({ now: new Date(t0 + 61_000) })).toBeGreaterThanOrEqual(1);
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: forgotten.id } })).state).toBe("expired");
  });

  it("a rejected request never runs and cannot be approved afterwards", async () => {
    const { target: t } = await target();
    const requested = await request("responder", t.slug);
    const rejected = await rejectAction({ actor: asActor(users.lead), input: { remediationId: requested.id, comment: "pool is fine, look at the leak" }, context: testContext() });
    expect(rejected.ok && rejected.action).toMatchObject({ state: "rejected", decidedBy: users.lead.email });
    const after = await approve("lead2", requested.id);
    expect(after).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/rejected by/) });
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).startedAt).toBeNull();
  });

  it("approving twice at once runs the action once", async () => {
    const { server, target: t } = await target();
    const requested = await request("responder", t.slug);
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/db/pool/reset", kind: "slow", delay_ms: 200 });
    const [a, b] = await Promise.all([approve("lead", requested.id), approve("lead2", requested.id)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const faults = await simulatorFaults(server.url);
    expect(faults[0].hits).toBe(1);
  });
});

describe("break-glass", () => {
  async function firingSev1(targetId: number) {
    const now = new Date();
    await db.targetAlertStatus.create({ data: { targetId, nextEvaluationAt: now, state: "SEV-1", stateSince: now } });
    return db.incident.create({ data: { targetId, title: "HighMemoryUsage", severity: "SEV-1", openedAt: now } });
  }
  const breakGlass = (user: keyof typeof users, slug: string, reason?: string) =>
    runRemediation({
      actor: asActor(users[user]),
      input: { targetSlug: slug, actionId: "rolling-restart", idempotencyKey: newKey(), confirmation: slug, breakGlass: true, reason },
      context: testContext(),
    });

  it("lets a lead restart alone while SEV-1 fires, with a reason, flagged in the audit and on the incident", async () => {
    const { target: t } = await target();
    const incident = await firingSev1(t.id);
    const outcome = await breakGlass("lead", t.slug, "API at 97%, no second lead reachable at 3 a.m.");
    expect(outcome.ok && outcome.action).toMatchObject({ state: "succeeded", breakGlass: true, decidedBy: null, incidentId: incident.id });
    expect(outcome.ok && outcome.action.steps.map((s) => [s.status, s.name])).toEqual([
      ["done", expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/_control\/restart \{"mode": "rolling"\}$/)],
      ["done", "wait for the new instance to answer"],
      ["done", "check memory of the new instance"],
    ]);
    // The expected time travels as data (the page shows it in local time), not as raw text.
    const hook = outcome.ok ? outcome.action.steps[0] : null;
    expect(hook?.detail).toMatch(/^accepted: api-\S+ is being replaced$/);
    expect(Number.isNaN(Date.parse(hook?.expectedAt ?? ""))).toBe(false);
    const audit = await auditRowsFor({ remediationId: outcome.ok ? outcome.action.id : -1 });
    expect(audit.every((r) => r.breakGlass && r.incidentId === incident.id)).toBe(true);
    expect(audit[0].data).toMatchObject({ breakGlassReason: "API at 97%, no second lead reachable at 3 a.m." });
    const timeline = await db.incidentEvent.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => e.kind)).toEqual(["action", "action"]);
    expect(timeline[0].summary).toMatch(/^⚠ BREAK-GLASS: .* runs Rolling restart without a second person while SEV-1 fires\. Reason: API at 97%/);
    expect(timeline[1].summary).toMatch(/^Rolling restart succeeded \(break-glass\): rolling restart done: instance api-/);
  });

  it("is refused without SEV-1, without a reason, and to responders", async () => {
    const { target: t } = await target();
    expect(await breakGlass("lead", t.slug, "memory is high, just do it")).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/only while SEV-1 fires/) });
    await firingSev1(t.id);
    expect(await breakGlass("lead", t.slug, "short")).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { reason: expect.any(String) } });
    expect(await breakGlass("responder", t.slug, "a perfectly good reason")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db.remediationAction.count({ where: { targetId: t.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetSlug: t.slug, type: "remediation.refused", breakGlass: true } })).toBe(3);
  });
});

describe("restarts", () => {
  it("an approved emergency restart waits for the new instance through the downtime", async () => {
    const { server, target: t } = await target();
    const before = (await simulatorState(server.url)).instance_id;
    const requested = await request("responder", t.slug, "emergency-restart");
    const outcome = await approve("lead", requested.id);
    expect(outcome.ok && outcome.action.state).toBe("succeeded");
    const after = (await simulatorState(server.url)).instance_id;
    expect(after).not.toBe(before);
    expect(outcome.ok && outcome.action.summary).toContain(`instance ${after} answering`);
  });

  it("fails in plain words when no restart driver is configured", async () => {
    const { target: t } = await target();
    await db.remediationSettings.delete({ where: { targetId: t.id } });
    const outcome = await approve("lead", (await request("responder", t.slug, "rolling-restart")).id);
    expect(outcome.ok && outcome.action).toMatchObject({ state: "failed", errorKind: "not_configured", error: expect.stringMatching(/^No restart driver is configured/) });
  });
});
