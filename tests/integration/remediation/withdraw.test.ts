import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveAction } from "@/lib/remediation/request/approve-action";
import { rejectAction } from "@/lib/remediation/request/reject-action";
import { withdrawAction } from "@/lib/remediation/request/withdraw-action";
import { runRemediation } from "@/lib/remediation/run/run-remediation";
import { asActor, auditRowsFor, newKey, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();


async function waitingRequest(user: keyof typeof users) {
  const { target } = await simulatedTarget({ scenario: "db-pool-growth" });
  const outcome = await runRemediation({
    actor: asActor(users[user]),
    input: { targetSlug: target.slug, actionId: "db-pool-reset", idempotencyKey: newKey(), confirmation: target.slug },
    context: testContext(),
  });
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.action.state).toBe("awaiting_approval");
  return outcome.action;
}

const withdraw = (user: keyof typeof users, remediationId: number, comment?: string) =>
  withdrawAction({ actor: asActor(users[user]), input: { remediationId, comment }, context: testContext() });

describe("a requester withdraws their own waiting request", () => {
  it("a responder withdraws theirs: it never runs, and the withdrawal is audited", async () => {
    const requested = await waitingRequest("responder");
    const outcome = await withdraw("responder", requested.id, "the pool recovered by itself");
    expect(outcome.ok && outcome.action).toMatchObject({ state: "withdrawn", decidedBy: users.responder.email, decisionComment: "the pool recovered by itself" });
    expect(outcome.ok && outcome.action.transitions.map((t) => [t.state, t.by ?? null])).toEqual([
      ["awaiting_approval", users.responder.email],
      ["withdrawn", users.responder.email],
    ]);
    const audit = await auditRowsFor({ remediationId: requested.id });
    expect(audit.map((r) => [r.type, r.outcome, r.actorLabel])).toEqual([
      ["remediation.requested", "awaiting_approval", users.responder.email],
      ["remediation.withdrawn", "withdrawn", users.responder.email],
    ]);
    expect(await approveAction({ actor: asActor(users.lead), input: { remediationId: requested.id }, context: testContext() })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/no longer waiting: it is withdrawn/),
    });
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).startedAt).toBeNull();
  });

  it("a lead withdraws their own; rejecting it instead is refused in words, not by the database", async () => {
    const requested = await waitingRequest("lead");
    const rejected = await rejectAction({ actor: asActor(users.lead), input: { remediationId: requested.id }, context: testContext() });
    expect(rejected).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/withdraw it instead/) });
    expect((await withdraw("lead", requested.id)).ok).toBe(true);
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).state).toBe("withdrawn");
  });

  it("nobody else withdraws it, and nothing is withdrawn twice", async () => {
    const requested = await waitingRequest("responder");
    for (const who of ["lead", "admin", "viewer"] as const) {
      expect(await withdraw(who, requested.id)).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/Only the person who asked/) });
    }
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: requested.id } })).state).toBe("awaiting_approval");
    const refusals = await auditRowsFor({ remediationId: requested.id, type: "remediation.decision_refused" });
    expect(refusals.map((r) => r.outcome)).toEqual(["denied", "denied", "denied"]);
    expect((await withdraw("responder", requested.id)).ok).toBe(true);
    expect(await withdraw("responder", requested.id)).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("the database keeps withdrawals to the requester and approvals to someone else", async () => {
    const requested = await waitingRequest("responder");
    await expect(db.remediationAction.update({ where: { id: requested.id }, data: { state: "withdrawn", decidedById: users.lead.id } })).rejects.toThrow(/no_self_approval|check constraint/i);
    await expect(db.remediationAction.update({ where: { id: requested.id }, data: { state: "approved", decidedById: users.responder.id } })).rejects.toThrow(/no_self_approval|check constraint/i);
  });
});
