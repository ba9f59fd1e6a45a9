import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runRemediation } from "@/tests/support/run-in-worker";
import { asActor, auditRowsFor, control, countCalls, newKey, simulatorFaults, testContext, waitUntil } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();
const target = (scenario: "leak" | "large-beliefs" = "leak") => simulatedTarget({ scenario });

describe("idempotency", () => {
  it("runs an action once however many times the same request arrives at once", async () => {
    const { server, target: t } = await target();
    const calls = await countCalls(server.url, "/api/v1/system/agents/pool");
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/agents/pool", kind: "slow", delay_ms: 300 });
    const input = { targetSlug: t.slug, actionId: "agent-pool-resize", params: { max_size: 40 }, idempotencyKey: newKey() };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => runRemediation({ actor: asActor(users.responder), input, context: testContext() })));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.filter((o) => o.ok && !o.duplicate)).toHaveLength(1);
    expect(await calls()).toBe(1);
    const rows = await db.remediationAction.findMany({ where: { targetId: t.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].state).toBe("succeeded");
    expect(new Set(outcomes.map((o) => o.ok && o.action.id))).toEqual(new Set([rows[0].id]));
    const audit = await auditRowsFor({ remediationId: rows[0].id });
    expect(audit.filter((r) => r.outcome === "duplicate")).toHaveLength(7);
    expect(audit.filter((r) => r.type === "remediation.started")).toHaveLength(1);
    expect(audit.filter((r) => r.type === "remediation.finished")).toHaveLength(1);
  });

  it("answers a retry after completion with the recorded result, without calling the target again", async () => {
    const { server, target: t } = await target();
    const calls = await countCalls(server.url, "/api/v1/system/cache/cleanup");
    const input = { targetSlug: t.slug, actionId: "cache-cleanup", idempotencyKey: newKey() };
    const first = await runRemediation({ actor: asActor(users.responder), input, context: testContext() });
    const retry = await runRemediation({ actor: asActor(users.responder), input, context: testContext() });
    expect(first.ok && first.action.state).toBe("succeeded");
    expect(retry).toMatchObject({ ok: true, duplicate: true, action: { id: first.ok ? first.action.id : -1, state: "succeeded" } });
    expect(await calls()).toBe(1);
  });

  it("refuses a request id reused by someone else", async () => {
    const { target: t } = await target();
    const input = { targetSlug: t.slug, actionId: "force-gc", idempotencyKey: newKey() };
    await runRemediation({ actor: asActor(users.responder), input, context: testContext() });
    const other = await runRemediation({ actor: asActor(users.lead), input, context: testContext() });
    expect(other).toMatchObject({ ok: false, code: "INVALID_INPUT" });
  });
});

describe("one disruptive or destructive action at a time per target", () => {
  it("refuses a second disruptive action while one runs, lets safe actions and other targets through", async () => {
    const { server, target: busy } = await target("large-beliefs");
    const { target: other } = await target();
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/agents/pool", kind: "slow", delay_ms: 1_200, times: 1 });
    const slow = runRemediation({
      actor: asActor(users.responder),
      input: { targetSlug: busy.slug, actionId: "agent-pool-resize", params: { max_size: 30 }, idempotencyKey: newKey() },
      context: testContext(),
    });
    const running = await waitUntil(() => db.remediationAction.findFirst({ where: { targetId: busy.id, state: "running" } }));

    const second = await runRemediation({
      actor: asActor(users.lead),
      input: { targetSlug: busy.slug, actionId: "belief-compact", idempotencyKey: newKey(), confirmation: busy.slug },
      context: testContext(),
    });
    expect(second).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(second.ok || second.message).toMatch(new RegExp(`Reduce agent pool \\(#${running.id}`));
    const safe = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: busy.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
    expect(safe.ok && safe.action.state).toBe("succeeded");
    const elsewhere = await runRemediation({
      actor: asActor(users.responder),
      input: { targetSlug: other.slug, actionId: "agent-pool-resize", params: { max_size: 30 }, idempotencyKey: newKey() },
      context: testContext(),
    });
    expect(elsewhere.ok && elsewhere.action.state).toBe("succeeded");

    expect((await slow).ok && (await slow as { action: { state: string } }).action.state).toBe("succeeded");
    const refusal = await db.auditEvent.findFirstOrThrow({ where: { targetSlug: busy.slug, type: "remediation.refused" } });
    expect(refusal).toMatchObject({ outcome: "conflict", actionId: "belief-compact", actorLabel: users.lead.email });
    // The lock is released: the next disruptive action runs.
    const after = await runRemediation({ actor: asActor(users.lead), input: { targetSlug: busy.slug, actionId: "belief-compact", idempotencyKey: newKey(), confirmation: busy.slug }, context: testContext() });
    expect(after.ok && after.action.state).toBe("succeeded");
  });

  it("lets exactly one of two simultaneous disruptive requests reach the target", async () => {
    const { server, target: t } = await target();
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/agents/pool", kind: "slow", delay_ms: 400 });
    const calls = await countCalls(server.url, "/api/v1/system/agents/pool");
    const request = (maxSize: number) =>
      runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "agent-pool-resize", params: { max_size: maxSize }, idempotencyKey: newKey() }, context: testContext() });
    const outcomes = await Promise.all([request(10), request(20), request(30), request(40)]);
    const ran = outcomes.filter((o) => o.ok && o.action.state === "succeeded");
    expect(ran).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === "CONFLICT")).toBe(true);
    expect(await calls()).toBe(0); // the slow fault was added first, so it took every hit
    const faults = await simulatorFaults(server.url);
    expect(faults.reduce((sum, f) => sum + f.hits, 0)).toBe(1);
    // Nothing unrecorded: every attempt is either a refusal or an action with its outcome.
    const rows = await db.remediationAction.findMany({ where: { targetId: t.id } });
    const refusals = await db.auditEvent.count({ where: { targetSlug: t.slug, type: "remediation.refused" } });
    expect(rows.length + refusals).toBe(4);
    expect(rows.every((r) => ["succeeded", "failed"].includes(r.state))).toBe(true);
  });

  it("holds in the database itself: a second running disruptive row is rejected by the unique index", async () => {
    const { target: t } = await target();
    const insert = (key: string) =>
      db.$executeRaw`INSERT INTO remediation_actions (target_id, action_id, risk, params, idempotency_key, state, requested_by_kind, requested_by_label, requested_by_role, requested_at, started_at, deadline_at)
        VALUES (${t.id}, 'db-pool-reset', 'destructive', '{}'::jsonb, ${key}, 'running', 'user', 'x@test', 'lead', now(), now(), now() + interval '1 minute')`;
    await insert(newKey());
    await expect(insert(newKey())).rejects.toThrow(/remediation_actions_one_exclusive_running|unique/i);
  });
});
