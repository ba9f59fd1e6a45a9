import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { METRIC } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { measureEffects } from "@/lib/remediation/effects/measure-effects";
import { runRemediation } from "@/tests/support/run-in-worker";
import type { TargetServer } from "@/simulator/server";
import { asActor, createSimulatedTarget, createUsers, newKey, testContext } from "@/tests/support/remediation-fixtures";

let users: Awaited<ReturnType<typeof createUsers>>;
const servers: TargetServer[] = [];
beforeAll(async () => {
  users = await createUsers();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await db.$disconnect();
});

const MIN = 60_000;

/** Samples every 15 s at offsets [from, to] from t0, following `value(offset)`, as the collector stores them. */
async function samples(targetId: number, t0: number, from: number, to: number, value: (offset: number) => number) {
  const rows = [];
  for (let offset = from; offset <= to; offset += 15_000) {
    rows.push({ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(t0 + offset), valueMb: value(offset) });
  }
  await writeSamples({ samples: rows });
}

const view = async (id: number) => toActionView(await db.remediationAction.findUniqueOrThrow({ where: { id }, include: actionInclude }));

describe("effects of actions run close together, on the leaking simulator", () => {
  it("reports two safe actions 2 s apart as measured together, the combined figure once, and stores it", async () => {
    const created = await createSimulatedTarget({ scenario: "leak" });
    servers.push(created.server);
    const { target } = created;
    const t0 = Date.now() - 10 * MIN;
    // Growing 40 MB / 5 min up to the actions, then 600 MB lower.
    await samples(target.id, t0, -15 * MIN, 0, (o) => 2600 + (o / (5 * MIN)) * 40);
    await samples(target.id, t0, 15_000, 8 * MIN, (o) => 2000 + (o / (5 * MIN)) * 3);
    const run = async (actionId: string, at: number) => {
      const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: target.slug, actionId, idempotencyKey: newKey() }, context: testContext({ now: () => new Date(at) }) });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.action;
    };
    const cleanup = await run("cache-cleanup", t0);
    const gc = await run("force-gc", t0 + 2_000);
    expect(gc.reportedFreedMb).not.toBeNull();

    await measureEffects({ now: new Date(t0 + 7 * MIN) });
    const rows = await db.remediationAction.findMany({ where: { id: { in: [cleanup.id, gc.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.effectGroupId, r.effectConfounded, r.effectMeasuredWith, r.effectStatus])).toEqual([
      [cleanup.id, true, [gc.id], "complete"],
      [cleanup.id, true, [cleanup.id], "complete"],
    ]);
    // The group is measured once from the last action's finish: both rows hold the same figures.
    expect(rows[0].memoryAfter5mMb).toBe(rows[1].memoryAfter5mMb);

    const first = describeEffect((await view(cleanup.id)).effect)!;
    expect(first).toMatch(new RegExp(`^measured together with #${gc.id}: together freed 599 MB; growth slowed from \\+40 to \\+3\\.0 MB/5 min; 5 min later 2,003 MB`));
    const second = describeEffect((await view(gc.id)).effect)!;
    expect(second).toBe(`measured together with #${cleanup.id} (combined figures on #${cleanup.id}); the target reported ${Math.round(gc.reportedFreedMb!)} MB freed by this call; no sample of its own`);
    expect(second).not.toMatch(/together freed|599 MB/);
  });

  it("says nothing about an effect while a request awaits approval", async () => {
    const created = await createSimulatedTarget({ scenario: "leak" });
    servers.push(created.server);
    const outcome = await runRemediation({
      actor: asActor(users.responder),
      input: { targetSlug: created.target.slug, actionId: "rolling-restart", idempotencyKey: newKey(), confirmation: created.target.slug },
      context: testContext(),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.action.state).toBe("awaiting_approval");
    expect(outcome.action.effect.status).toBe("not_run");
    expect(describeEffect(outcome.action.effect)).toBeNull();
    await measureEffects({ now: new Date(Date.now() + 10 * MIN) });
    expect(describeEffect((await view(outcome.action.id)).effect)).toBeNull();
  });
});
