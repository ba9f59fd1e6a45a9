import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runRemediation } from "@/tests/support/run-in-worker";
import type { TargetServer } from "@/simulator/server";
import { asActor, auditRowsFor, control, createSimulatedTarget, createUsers, newKey, testContext } from "@/tests/support/remediation-fixtures";

let users: Awaited<ReturnType<typeof createUsers>>;
let server: TargetServer;
let slug: string;

beforeAll(async () => {
  users = await createUsers();
  const created = await createSimulatedTarget();
  server = created.server;
  slug = created.target.slug;
});
afterAll(async () => {
  await server.close();
  await db.$disconnect();
});

async function gcWith(fault: Record<string, unknown> | null, timeoutMs = 2_000, targetSlug = slug) {
  if (fault) await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/gc", times: 1, ...fault });
  const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext({ timeoutMs }) });
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  const row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.action.id } });
  const audit = await auditRowsFor({ remediationId: row.id });
  return { outcome, row, audit };
}

/** Whatever the target did, the request, the start and the outcome are all on record. */
function expectFullRecord(row: { requestedAt: Date; startedAt: Date | null; finishedAt: Date | null }, audit: { type: string; outcome: string }[], outcome: string) {
  expect(row.startedAt).not.toBeNull();
  expect(row.finishedAt).not.toBeNull();
  expect(audit.map((r) => [r.type, r.outcome])).toEqual([
    ["remediation.requested", "accepted"],
    ["remediation.started", "running"],
    ["remediation.finished", outcome],
  ]);
}

describe("a target that misbehaves is recorded as such", () => {
  it("times out", async () => {
    const { outcome, row, audit } = await gcWith({ kind: "slow", delay_ms: 3_000 }, 400);
    expect(outcome.action).toMatchObject({ state: "timed_out", errorKind: "timeout" });
    expect(row.error).toMatch(/did not answer POST \/api\/v1\/system\/gc within 400 ms\. It may still have taken effect/);
    expect(row.finishedAt!.getTime() - row.startedAt!.getTime()).toBeLessThan(2_000);
    expectFullRecord(row, audit, "timed_out");
    expect(audit[2].error).toBe(row.error);
    expect(outcome.action.steps).toEqual([expect.objectContaining({ name: "POST /api/v1/system/gc", status: "failed" })]);
  });

  it("answers 500", async () => {
    const { outcome, row, audit } = await gcWith({ kind: "error", status: 500 });
    expect(outcome.action).toMatchObject({ state: "failed", errorKind: "http" });
    expect(row.error).toBe("The target answered POST /api/v1/system/gc with HTTP 500: injected fault: HTTP 500.");
    expectFullRecord(row, audit, "failed");
  });

  it("drops the connection", async () => {
    const { outcome, row, audit } = await gcWith({ kind: "refuse" });
    expect(outcome.action).toMatchObject({ state: "failed", errorKind: "refused" });
    expect(row.error).toMatch(/^Could not reach the target at .* for POST \/api\/v1\/system\/gc/);
    expectFullRecord(row, audit, "failed");
  });

  it("answers with something that is not the contract", async () => {
    const { outcome, row } = await gcWith({ kind: "malformed" });
    expect(outcome.action).toMatchObject({ state: "failed", errorKind: "invalid_response" });
    expect(row.error).toMatch(/is not valid JSON/);
  });

  it("refuses the connection (nothing listening)", async () => {
    const dead = await createSimulatedTarget();
    await dead.server.close();
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: dead.target.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
    expect(outcome.ok && outcome.action).toMatchObject({ state: "failed", errorKind: "refused" });
    expect(outcome.ok && outcome.action.error).toMatch(/connection refused/);
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.ok ? outcome.action.id : -1 } });
    expectFullRecord(row, await auditRowsFor({ remediationId: row.id }), "failed");
  });

  it("closes an action whose process died as lost, and frees the target's lock", async () => {
    const { target: t, server: s } = await createSimulatedTarget();
    // A running row whose deadline passed long ago: its web process died mid-call.
    const lost = await db.remediationAction.create({
      data: {
        targetId: t.id, actionId: "db-pool-reset", risk: "destructive", params: {}, idempotencyKey: newKey(), state: "running",
        requestedByKind: "user", requestedByLabel: users.lead.email, requestedByRole: "lead", requestedAt: new Date(Date.now() - 600_000),
        startedAt: new Date(Date.now() - 600_000), deadlineAt: new Date(Date.now() - 300_000),
      },
    });
    const next = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "agent-pool-resize", params: { max_size: 60 }, idempotencyKey: newKey() }, context: testContext() });
    expect(next.ok && next.action.state).toBe("succeeded");
    expect(await db.remediationAction.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ state: "timed_out", errorKind: "lost" });
    expect(await auditRowsFor({ remediationId: lost.id })).toEqual([expect.objectContaining({ type: "remediation.finished", outcome: "timed_out", actorKind: "system" })]);
    await s.close();
  });

  it("keeps working normally once the faults are gone", async () => {
    const { outcome } = await gcWith(null);
    expect(outcome.action.state).toBe("succeeded");
    expect(outcome.action.summary).toMatch(/^freed \d[\d,]* MB \(.* → .*\); [\d,]+ objects collected$/);
  });
});
