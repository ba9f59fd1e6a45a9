import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getActionView } from "@/lib/remediation/get-action-view";
import { expireApprovals } from "@/lib/remediation/request/expire-approvals";
import { approveAction } from "@/lib/remediation/request/approve-action";
import { resolveContext } from "@/lib/remediation/remediation-context";
import { createRemediationRunner } from "@/lib/remediation/run/create-remediation-runner";
import { runRemediation } from "@/lib/remediation/run/run-remediation";
import { startAction } from "@/lib/remediation/run/start-action";
import { startHeapDump } from "@/lib/remediation/run/start-heap-dump";
import { asActor, auditRowsFor, control, countCalls, newKey, simulatorState, testContext, waitUntil } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget: target } = remediationSuite();
const runner = (workerId: string, leaseMs?: number) => createRemediationRunner({ workerId, leaseMs, context: testContext({ timeoutMs: 5_000 }) });
const rowOf = (id: number) => db.remediationAction.findUniqueOrThrow({ where: { id } });

describe("server actions record the request and return; the worker runs it", () => {
  it("answers at once with the request recorded, and the target is called only by the worker", async () => {
    const { server, target: t } = await target();
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/gc", kind: "slow", delay_ms: 3_000, times: 1 });
    const calls = await countCalls(server.url, "/api/v1/system/gc");
    const started = Date.now();
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext() });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(outcome).toMatchObject({ ok: true, action: { state: "requested", startedAt: null } });
    const id = outcome.ok ? outcome.action.id : -1;
    expect(await calls()).toBe(0);

    const worker = runner("worker-one");
    expect(await worker.tick()).toEqual({ recovered: 0, started: 1 });
    expect(await rowOf(id)).toMatchObject({ state: "running", claimedBy: "worker-one" });
    expect(worker.running()).toEqual([id]);
    await worker.drain();
    expect(await rowOf(id)).toMatchObject({ state: "succeeded", claimedBy: "worker-one" });
    const audit = await auditRowsFor({ remediationId: id });
    expect(audit.map((r) => [r.type, r.actorLabel])).toEqual([
      ["remediation.requested", users.responder.email],
      ["remediation.started", users.responder.email],
      ["remediation.finished", users.responder.email],
    ]);
    // The worker's rows name the request that asked for the run, and the worker that ran it.
    expect(new Set(audit.map((r) => r.requestId)).size).toBe(1);
    expect(audit[2].data).toMatchObject({ worker: "worker-one" });
  });

  it("an approval answers at once; the worker runs the restart as the approver", async () => {
    const { server, target: t } = await target({ scenario: "db-pool-growth" });
    const before = (await simulatorState(server.url)).instance_id;
    const requested = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "rolling-restart", idempotencyKey: newKey(), confirmation: t.slug }, context: testContext() });
    const id = requested.ok ? requested.action.id : -1;
    const approved = await approveAction({ actor: asActor(users.lead), input: { remediationId: id }, context: testContext() });
    expect(approved).toMatchObject({ ok: true, action: { state: "approved", decidedBy: users.lead.email } });
    expect((await simulatorState(server.url)).instance_id).toBe(before);

    const worker = runner("worker-two");
    await worker.tick();
    await worker.drain();
    expect(await rowOf(id)).toMatchObject({ state: "succeeded", decidedByRole: "lead" });
    expect((await simulatorState(server.url)).instance_id).not.toBe(before);
    const audit = await auditRowsFor({ remediationId: id });
    expect(audit.filter((r) => r.type === "remediation.started" || r.type === "remediation.finished").map((r) => [r.actorLabel, r.actorRole])).toEqual([
      [users.lead.email, "lead"],
      [users.lead.email, "lead"],
    ]);
  });

  it("two workers ticking at once run an action once", async () => {
    const { server, target: t } = await target();
    const calls = await countCalls(server.url, "/api/v1/system/cache/cleanup");
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
    const workers = [runner("worker-a"), runner("worker-b"), runner("worker-c")];
    const ticks = await Promise.all(workers.map((w) => w.tick()));
    await Promise.all(workers.map((w) => w.drain()));
    expect(ticks.reduce((sum, tick) => sum + tick.started, 0)).toBe(1);
    expect(await calls()).toBe(1);
    expect(await rowOf(outcome.ok ? outcome.action.id : -1)).toMatchObject({ state: "succeeded" });
  });

  it("fails closed an action no worker took up within 5 minutes", async () => {
    const { target: t } = await target();
    const t0 = Date.now() - 6 * 60_000;
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext({ now: () => new Date(t0) }) });
    // A worker now does not run it: it was asked for six minutes ago.
    expect((await runner("late-worker").tick()).started).toBe(0);
    expect(await expireApprovals({ now: new Date() })).toBeGreaterThanOrEqual(1);
    expect(await rowOf(outcome.ok ? outcome.action.id : -1)).toMatchObject({ state: "failed", startedAt: null, errorKind: "lost", error: expect.stringMatching(/^Not run: no worker took it up within 5 minutes/) });
  });
});

describe("a run survives the worker that held it", () => {
  it("resumes a run whose worker died before calling the target", async () => {
    const { server, target: t } = await target();
    const calls = await countCalls(server.url, "/api/v1/system/cache/cleanup");
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
    const id = outcome.ok ? outcome.action.id : -1;
    // Claimed by a worker that then died: running, leased, its call never started.
    expect(await startAction({ id, ctx: resolveContext(testContext()), workerId: "dead-worker" })).toMatchObject({ kind: "started" });
    const survivor = runner("survivor", 300);
    expect((await survivor.tick()).recovered).toBe(0); // the lease is fresh: the worker might be alive
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await survivor.tick()).recovered).toBe(1);
    await survivor.drain();
    expect(await rowOf(id)).toMatchObject({ state: "succeeded", claimedBy: "survivor" });
    expect(await calls()).toBe(1);
    const audit = await auditRowsFor({ remediationId: id });
    expect(audit.map((r) => [r.type, r.outcome])).toEqual([
      ["remediation.requested", "accepted"],
      ["remediation.started", "running"],
      ["remediation.resumed", "running"],
      ["remediation.finished", "succeeded"],
    ]);
    expect(audit[2]).toMatchObject({ actorKind: "system", data: expect.objectContaining({ previousWorker: "dead-worker", worker: "survivor" }) });
  });

  it("fails, with the reason, a restart whose worker was killed mid-call, and frees the target", async () => {
    // A rolling restart that takes 20 s, run by a worker in its own process, killed with SIGKILL while it waits.
    const { target: t } = await target({ scenario: "db-pool-growth", downtimeMs: 20_000 });
    const requested = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "rolling-restart", idempotencyKey: newKey(), confirmation: t.slug }, context: testContext() });
    const id = requested.ok ? requested.action.id : -1;
    await approveAction({ actor: asActor(users.lead), input: { remediationId: id }, context: testContext() });
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "tests/support/remediation-runner-cli.ts", "doomed-worker", "600"], { stdio: "ignore", detached: true });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      const running = await waitUntil(async () => {
        const row = await rowOf(id);
        const steps = Array.isArray(row.steps) ? (row.steps as { name: string; status: string }[]) : [];
        return row.callStartedAt && steps.some((s) => s.name === "wait for the new instance to answer" && s.status === "running") ? row : null;
      }, 25_000);
      expect(running).toMatchObject({ state: "running", claimedBy: "doomed-worker" });
    } finally {
      // The whole process group: tsx runs the script in a child of its own.
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    }
    const survivor = runner("survivor-2", 600);
    await waitUntil(async () => (await survivor.tick()).recovered > 0 || null, 5_000);
    const row = await rowOf(id);
    expect(row).toMatchObject({ state: "failed", errorKind: "lost" });
    expect(row.error).toMatch(/^The worker running it \(doomed-worker\) stopped at \d\d:\d\d:\d\d UTC, after its call to the target had started: the target may or may not have restarted\. Check it before running it again\.$/);
    const steps = row.steps as { name: string; status: string }[];
    expect(steps.map((s) => s.status)).toEqual(["done", "running"]);
    expect((await auditRowsFor({ remediationId: id })).at(-1)).toMatchObject({ type: "remediation.finished", outcome: "failed", actorKind: "system", error: row.error });
    // The target's lock is free again: the next disruptive action runs.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "agent-pool-resize", params: { max_size: 50 }, idempotencyKey: newKey() }, context: testContext() });
    await survivor.tick();
    await survivor.drain();
    expect(await rowOf(next.ok ? next.action.id : -1)).toMatchObject({ state: "succeeded" });
  });

  it("records a heap dump whose web request died mid-stream as failed", async () => {
    const { target: t } = await target();
    const download = await startHeapDump({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "heap-dump", idempotencyKey: newKey() }, context: testContext() });
    if (!download.ok) throw new Error(download.message);
    const reader = download.stream.getReader();
    await reader.read();
    // The web process is gone: nobody reads on, nobody cancels. Past the run's deadline, a worker's sweep closes it.
    const later = createRemediationRunner({ workerId: "sweeper", context: testContext({ now: () => new Date(Date.now() + 3 * 60_000) }) });
    await later.tick();
    const row = await rowOf(download.action.id);
    expect(row).toMatchObject({ state: "failed", errorKind: "lost", artifactSha256: null });
    expect(row.error).toMatch(/^The web request streaming this heap dump stopped before the last byte/);
    await reader.cancel();
  });
});

describe("a page follows the run", () => {
  it("reads one action's record by id, and names a bad id", async () => {
    const { target: t } = await target();
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: t.slug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext() });
    const id = outcome.ok ? outcome.action.id : -1;
    expect(await getActionView({ id: String(id) })).toMatchObject({ id, state: "requested", steps: [] });
    const worker = runner("followed");
    await worker.tick();
    await worker.drain();
    expect(await getActionView({ id: String(id) })).toMatchObject({ id, state: "succeeded", steps: [expect.objectContaining({ name: "POST /api/v1/system/gc", status: "done" })] });
    await expect(getActionView({ id: "abc" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { id: "id must be a number" } } });
    await expect(getActionView({ id: "2147483648" })).rejects.toMatchObject({ code: "INVALID_INPUT", details: { fieldErrors: { id: "id is too large" } } });
    await expect(getActionView({ id: "99999" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
