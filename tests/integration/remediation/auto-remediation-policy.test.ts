import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { recordScrapes } from "@/lib/collector/record-scrapes";
import { scrapeTarget } from "@/lib/collector/scrape-target";
import { approveAction, runQueuedActions } from "@/tests/support/run-in-worker";
import { autoRemediationPolicyInputSchema, saveAutoRemediationPolicy } from "@/lib/remediation/policy/save-policy";
import { createPolicyRunner } from "@/lib/remediation/policy/create-policy-runner";
import { asActor, auditRowsFor, control, countCalls, createUsers, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { simulatedTarget: target } = remediationSuite();

/** One real scrape of the simulator, stored as the collector stores it. */
async function scrape(t: { id: number; baseUrl: string }) {
  const startedAt = new Date();
  const result = await scrapeTarget({ baseUrl: t.baseUrl, timeoutMs: 5_000 });
  expect(result.ok).toBe(true);
  await recordScrapes({ scrapes: [{ targetId: t.id, startedAt, durationMs: Date.now() - startedAt.getTime(), workerId: "test", result }] });
}

/** One worker tick: the policy decides and asks, then the worker's runner runs what it asked for. */
const runner = (workerId = "worker-a") => {
  const policies = createPolicyRunner({ workerId, context: testContext() });
  return {
    async tick(now: Date) {
      const results = await policies.tick(now);
      await runQueuedActions(testContext());
      return results;
    },
  };
};
const actionsOf = (targetId: number) => db.remediationAction.findMany({ where: { targetId }, orderBy: { id: "asc" } });
const policy = (targetId: number, enabled: boolean) =>
  db.autoRemediationPolicy.upsert({
    where: { targetId },
    create: { targetId, enabled, threshold: 0.1, recheckSeconds: 1, cooldownSeconds: 600 },
    update: { enabled },
  });

describe("the auto-remediation policy, against the simulator", () => {
  it("cleans the cache, rechecks, asks a lead for a rolling restart, then cools down", async () => {
    const { server, target: t } = await target();
    const cleanups = await countCalls(server.url, "/api/v1/system/cache/cleanup");
    await policy(t.id, false);
    await scrape(t);

    // Disabled: nothing, however high memory is against a 10 % threshold.
    expect((await runner().tick(new Date())).has(t.id)).toBe(false);
    expect(await actionsOf(t.id)).toEqual([]);

    await policy(t.id, true);
    const first = await runner().tick(new Date());
    expect(first.get(t.id)?.decision.kind).toBe("cleanup");
    let actions = await actionsOf(t.id);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ actionId: "cache-cleanup", state: "succeeded", requestedByKind: "policy", requestedByLabel: `policy:auto-memory:${t.slug}`, requestedById: null });
    expect(await cleanups()).toBe(1);
    expect(await db.autoRemediationPolicy.findUniqueOrThrow({ where: { targetId: t.id } })).toMatchObject({ runState: "rechecking", cleanupActionId: actions[0].id });

    // Straight away: the only sample is from before the cleanup, so it waits.
    expect((await runner().tick(new Date())).get(t.id)?.decision.kind).toBe("recheck");
    expect(await actionsOf(t.id)).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await scrape(t);
    const second = await runner("worker-b").tick(new Date());
    expect(second.get(t.id)?.decision.kind).toBe("escalate");
    actions = await actionsOf(t.id);
    expect(actions).toHaveLength(2);
    expect(actions[1]).toMatchObject({ actionId: "rolling-restart", state: "awaiting_approval", requestedByKind: "policy", breakGlass: false, startedAt: null });
    expect(actions[1].reason).toMatch(/still high after cleanup/);
    // Requested, not run: the simulator was not restarted.
    expect(await control(server.url, "GET", "/_control/state")).toMatchObject({ status: "up" });
    expect(await db.autoRemediationPolicy.findUniqueOrThrow({ where: { targetId: t.id } })).toMatchObject({ runState: "escalated", escalationActionId: actions[1].id });

    const audit = await auditRowsFor({ targetSlug: t.slug });
    expect(audit.map((r) => [r.type, r.actorLabel])).toEqual([
      ["remediation.requested", `policy:auto-memory:${t.slug}`],
      ["remediation.started", `policy:auto-memory:${t.slug}`],
      ["remediation.finished", `policy:auto-memory:${t.slug}`],
      ["remediation.requested", `policy:auto-memory:${t.slug}`],
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    // During the cooldown another tick, on fresh data still above the threshold, does nothing.
    await scrape(t);
    expect((await runner("worker-c").tick(new Date())).get(t.id)?.decision.kind).toBe("cooldown");
    expect(await actionsOf(t.id)).toHaveLength(2);
    expect(await cleanups()).toBe(1);

    // The policy cannot approve its own request; a lead can, and then it runs.
    const policyApproval = await approveAction({ actor: { kind: "policy", policyId: `auto-memory:${t.slug}`, grants: ["approve:remediation", "run:remediation:destructive"] }, input: { remediationId: actions[1].id }, context: testContext() });
    expect(policyApproval).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const { lead } = await createUsers();
    const approved = await approveAction({ actor: asActor(lead), input: { remediationId: actions[1].id, comment: "leak, restart" }, context: testContext() });
    expect(approved.ok && approved.action).toMatchObject({ state: "succeeded", decidedBy: lead.email });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("never acts without a recent sample", async () => {
    const { target: t } = await target();
    await policy(t.id, true);
    expect((await runner().tick(new Date())).get(t.id)?.decision).toMatchObject({ kind: "idle", reason: expect.stringMatching(/no sample/) });
    await scrape(t);
    expect((await runner().tick(new Date(Date.now() + 61_000))).get(t.id)?.decision).toMatchObject({ kind: "idle", reason: expect.stringMatching(/stale/) });
    expect(await actionsOf(t.id)).toEqual([]);
  });

  it("two workers ticking at once clean the cache once", async () => {
    const { server, target: t } = await target();
    const cleanups = await countCalls(server.url, "/api/v1/system/cache/cleanup");
    await policy(t.id, true);
    await scrape(t);
    const now = new Date();
    const [a, b] = await Promise.all([runner("worker-a").tick(now), runner("worker-b").tick(now)]);
    expect([a.get(t.id)?.decision.kind, b.get(t.id)?.decision.kind].filter(Boolean)).toContain("cleanup");
    expect(await actionsOf(t.id)).toHaveLength(1);
    expect(await cleanups()).toBe(1);
  });

  it("a person's change of the policy is stored with its audit row, off by default", async () => {
    const { target: t } = await target();
    const { admin } = await createUsers();
    const parsed = autoRemediationPolicyInputSchema.safeParse({ thresholdPercent: "30", recheckSeconds: "10", cooldownSeconds: "1800", escalateTo: "rolling-restart" });
    expect(parsed.success).toBe(false); // below 50 % is refused by the form
    const input = autoRemediationPolicyInputSchema.parse({ enabled: "on", thresholdPercent: "92", recheckSeconds: "10", cooldownSeconds: "1800", escalateTo: "none" });
    await saveAutoRemediationPolicy({ targetId: t.id, input, actor: admin });
    expect(await db.autoRemediationPolicy.findUniqueOrThrow({ where: { targetId: t.id } })).toMatchObject({ enabled: true, threshold: 0.92, escalateTo: "none" });
    const [row] = await auditRowsFor({ targetSlug: t.slug, type: "target.changed" });
    expect(row).toMatchObject({ actorLabel: admin.email, outcome: "ok" });
    expect(JSON.stringify(row.parameters)).toContain('"enabled":true');
    // The table's default is off.
    const other = await target();
    expect(await db.autoRemediationPolicy.create({ data: { targetId: other.target.id } })).toMatchObject({ enabled: false, threshold: 0.9, recheckSeconds: 10, cooldownSeconds: 1800, escalateTo: "rolling-restart" });
  });
});
