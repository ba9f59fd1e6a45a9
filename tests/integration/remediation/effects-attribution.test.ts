import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import { describeEffect } from "@/lib/remediation/effects/describe-effect";
import { measureEffects } from "@/lib/remediation/effects/measure-effects";
import { runRemediation } from "@/tests/support/run-in-worker";
import { asActor, newKey, testContext, writeMemoryRamp } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();

const MIN = 60_000;

const view = async (id: number) => toActionView(await db.remediationAction.findUniqueOrThrow({ where: { id }, include: actionInclude }));

describe("effects of actions run close together, on the leaking simulator", () => {
  it("reports two safe actions 2 s apart as measured together, the combined figure once, and stores it", async () => {
    const created = await simulatedTarget({ scenario: "leak" });
    const { target } = created;
    const t0 = Date.now() - 10 * MIN;
    // Growing 40 MB / 5 min up to the actions, then 600 MB lower.
    await writeMemoryRamp(target.id, t0, -15 * MIN, 0, (o) => 2600 + (o / (5 * MIN)) * 40);
    await writeMemoryRamp(target.id, t0, 15_000, 8 * MIN, (o) => 2000 + (o / (5 * MIN)) * 3);
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
    const created = await simulatedTarget({ scenario: "leak" });
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
