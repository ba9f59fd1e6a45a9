import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { listActionMarkers } from "@/lib/remediation/list-action-markers";
import { measureEffects } from "@/lib/remediation/effects/measure-effects";
import { runRemediation } from "@/tests/support/run-in-worker";
import { startHeapDump } from "@/lib/remediation/run/start-heap-dump";
import { toActionView, actionInclude } from "@/lib/remediation/action-rows";
import { asActor, control, newKey, testContext, writeMemoryRamp } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();

const MIN = 60_000;
describe("effect of an action, measured from collected metrics", () => {
  it("memory just before, 1 and 5 minutes after, and growth before and after", async () => {
    const created = await simulatedTarget();
    const { target } = created;
    const t0 = Date.now() - 10 * MIN;
    // Growing 40 MB / 5 min up to the action, then 600 MB lower and growing 3 MB / 5 min.
    await writeMemoryRamp(target.id, t0, -15 * MIN, 0, (o) => 2600 + (o / (5 * MIN)) * 40);
    await writeMemoryRamp(target.id, t0, 15_000, 8 * MIN, (o) => 2000 + (o / (5 * MIN)) * 3);
    const outcome = await runRemediation({
      actor: asActor(users.responder),
      input: { targetSlug: target.slug, actionId: "agent-cleanup", idempotencyKey: newKey() },
      context: testContext({ now: () => new Date(t0) }),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.action.effect).toMatchObject({ status: "pending", beforeMb: 2600, beforeAt: new Date(t0).toISOString() });
    expect(outcome.action.effect.growthBeforeMbPer5m).toBeCloseTo(40, 5);

    expect(await measureEffects({ now: new Date(t0 + 30_000) })).toBe(0); // nothing due before a minute
    await measureEffects({ now: new Date(t0 + 2 * MIN) });
    let row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.action.id }, include: actionInclude });
    expect(row).toMatchObject({ effectStatus: "partial", memoryAfter1mMb: 2000 + 0.6, memoryAfter5mMb: null });

    await measureEffects({ now: new Date(t0 + 6 * MIN) });
    row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.action.id }, include: actionInclude });
    expect(row.effectStatus).toBe("complete");
    expect(row.memoryAfter5mMb).toBeCloseTo(2003, 5);
    expect(row.growthAfterMbPer5m).toBeCloseTo(3, 5);
    expect(describeEffect(toActionView(row).effect)).toBe("freed 599 MB; growth slowed from +40 to +3.0 MB/5 min; 5 min later 2,003 MB (−597 MB from before)");
  });

  it("gives up on a point with no samples and says so", async () => {
    const created = await simulatedTarget();
    const t0 = Date.now() - 20 * MIN;
    const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: created.target.slug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext({ now: () => new Date(t0) }) });
    await measureEffects({ now: new Date(t0 + 10 * MIN) });
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.ok ? outcome.action.id : -1 }, include: actionInclude });
    expect(row.effectStatus).toBe("unavailable");
    expect(describeEffect(toActionView(row).effect)).toBe("no samples were collected after it: effect unknown");
  });
});

describe("markers on the memory chart", () => {
  it("one per action that ran in the range, toned by outcome", async () => {
    const created = await simulatedTarget();
    const { server, target } = created;
    const ok = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: target.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
    await control(server.url, "POST", "/_control/faults", { endpoint: "/api/v1/system/gc", kind: "error", status: 503, times: 1 });
    const failed = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: target.slug, actionId: "force-gc", idempotencyKey: newKey() }, context: testContext() });
    await runRemediation({ actor: asActor(users.responder), input: { targetSlug: target.slug, actionId: "db-pool-reset", idempotencyKey: newKey(), confirmation: target.slug }, context: testContext() });
    const markers = await listActionMarkers({ targetId: target.id, from: new Date(Date.now() - MIN), to: new Date(Date.now() + 1000) });
    expect(markers).toEqual([
      { t: Date.parse(ok.ok ? ok.action.startedAt! : ""), label: "Clear expired cache entries ✓", tone: "ok" },
      { t: Date.parse(failed.ok ? failed.action.startedAt! : ""), label: "Force garbage collection ✕", tone: "crit" },
    ]);
  });
});

describe("heap dump download", () => {
  it("streams the dump and records its size and SHA-256", async () => {
    const created = await simulatedTarget();
    const download = await startHeapDump({ actor: asActor(users.responder), input: { targetSlug: created.target.slug, actionId: "heap-dump", idempotencyKey: newKey() }, context: testContext() });
    if (!download.ok) throw new Error(download.message);
    expect(download.filename).toMatch(/^memory_dump_\d{8}_\d{6}\.json$/);
    expect(download.action.state).toBe("running");
    const bytes = Buffer.from(await new Response(download.stream).arrayBuffer());
    expect(JSON.parse(bytes.toString("utf8"))).toMatchObject({ format: "freeagentics-heap-dump" });
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: download.action.id } });
    expect(row).toMatchObject({ state: "succeeded", artifactName: download.filename, artifactBytes: BigInt(bytes.length), artifactSha256: createHash("sha256").update(bytes).digest("hex") });
    expect((await db.auditEvent.findFirstOrThrow({ where: { remediationId: row.id, type: "remediation.finished" } })).data).toMatchObject({ summary: expect.stringContaining(row.artifactSha256!) });
  });

  it("records an interrupted download as failed", async () => {
    const created = await simulatedTarget();
    const download = await startHeapDump({ actor: asActor(users.responder), input: { targetSlug: created.target.slug, actionId: "heap-dump", idempotencyKey: newKey() }, context: testContext() });
    if (!download.ok) throw new Error(download.message);
    const reader = download.stream.getReader();
    await reader.read();
    await reader.cancel();
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: download.action.id } });
    expect(row).toMatchObject({ state: "failed", artifactSha256: null, error: expect.stringMatching(/^The download was interrupted by the browser after/) });
  });
});
