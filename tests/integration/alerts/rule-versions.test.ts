import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { loadTargetRules } from "@/lib/alerts/load-target-rules";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { at, createTarget, evaluator, holdRatio, runEvaluations, transitionsOf } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());
const admin = { id: 4, email: "admin@test", role: "admin" };
const defaults = getDefaultRules();
const proposed = [
  { name: "SEV-2", threshold: 0.7, forSeconds: 60, recoveryThreshold: 0.65 },
  { name: "SEV-1", threshold: 0.9, forSeconds: 120, keepFiringForSeconds: 300 },
];

describe("per-target thresholds", () => {
  it("are versioned on every change (who, when, old, new) and refused on a stale version", async () => {
    const target = await createTarget();
    expect(await loadTargetRules({ targetId: target.id, defaults })).toMatchObject({ version: 0, isDefault: true, rules: defaults });

    const first = await updateAlertRules({ targetId: target.id, rules: proposed, expectedVersion: 0, comment: "tighter", actor: admin, now: at(0), defaultRules: defaults });
    expect(first).toEqual({ version: 1 });
    const second = await updateAlertRules({
      targetId: target.id,
      rules: [proposed[0], { ...proposed[1], threshold: 0.93 }],
      expectedVersion: 1,
      actor: { id: 5, email: "other-admin@test", role: "admin" },
      now: at(60),
    });
    expect(second).toEqual({ version: 2 });
    // Each change is in the audit trail too, written in the same transaction as the version.
    const audited = await db.auditEvent.findMany({ where: { type: "threshold.changed", targetId: target.id }, orderBy: { id: "asc" } });
    expect(audited.map((a) => [a.actorLabel, a.actorRole, (a.parameters as { version: number }).version])).toEqual([
      ["admin@test", "admin", 1],
      ["other-admin@test", "admin", 2],
    ]);

    const versions = await db.alertRuleVersion.findMany({ where: { targetId: target.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.changedByEmail, v.changedAt.toISOString(), v.comment])).toEqual([
      [1, "admin@test", at(0).toISOString(), "tighter"],
      [2, "other-admin@test", at(60).toISOString(), ""],
    ]);
    expect(versions[0].oldRules).toEqual(JSON.parse(JSON.stringify(defaults)));
    expect(versions[0].newRules).toEqual([
      { name: "SEV-2", threshold: 0.7, forSeconds: 60, lookbackSeconds: 300, recoveryThreshold: 0.65 },
      { name: "SEV-1", threshold: 0.9, forSeconds: 120, lookbackSeconds: 300, keepFiringForSeconds: 300 },
    ]);
    expect((versions[1].oldRules as { threshold: number }[])[1].threshold).toBe(0.9);
    expect((versions[1].newRules as { threshold: number }[])[1].threshold).toBe(0.93);

    // An editor who loaded version 1 does not overwrite version 2.
    await expect(updateAlertRules({ targetId: target.id, rules: proposed, expectedVersion: 1, actor: admin })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      updateAlertRules({ targetId: target.id, rules: [proposed[0], { ...proposed[1], threshold: 0.93 }], expectedVersion: 2, actor: admin }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/Nothing changed/) });
    await expect(
      updateAlertRules({ targetId: target.id, rules: [{ ...proposed[0], threshold: 0.95 }, proposed[1]], expectedVersion: 2, actor: admin }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/SEV-1's threshold must be above SEV-2's/) });
    expect(await db.alertRuleVersion.count({ where: { targetId: target.id } })).toBe(2);
  });

  it("take effect at the next evaluation", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 300, 0.75);
    const worker = evaluator("worker");
    await runEvaluations([worker], 0, 60);
    expect(await transitionsOf(target.id)).toEqual([]); // 75 % is fine under the defaults
    // 75 % is above the new SEV-2 threshold: the change goes pending at once, which the admin confirms.
    await updateAlertRules({ targetId: target.id, rules: proposed, expectedVersion: 0, actor: admin, now: at(61), defaultRules: defaults, confirmFiring: true });
    await runEvaluations([worker], 75, 135);
    expect((await transitionsOf(target.id)).map(({ rule, to, s }) => [rule, to, s])).toEqual([
      ["SEV-2", "pending", 75],
      ["SEV-2", "firing", 135],
    ]);
  });
});
