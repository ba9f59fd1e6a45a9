import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateAlertRules } from "@/lib/alerts/update-alert-rules";
import { saveRemediationSettings, remediationSettingsInputSchema } from "@/lib/remediation/drivers/save-remediation-settings";
import { runRemediation } from "@/tests/support/run-in-worker";
import { asActor, newKey, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();


async function firingTarget() {
  const { target } = await simulatedTarget({ scenario: "leak" });
  const now = new Date();
  await db.targetAlertStatus.create({ data: { targetId: target.id, nextEvaluationAt: now, state: "SEV-1", stateSince: now } });
  return target;
}

const breakGlass = (user: keyof typeof users, slug: string, context = testContext()) =>
  runRemediation({
    actor: asActor(users[user]),
    input: { targetSlug: slug, actionId: "rolling-restart", idempotencyKey: newKey(), confirmation: slug, breakGlass: true, reason: "SEV-1 and nobody else answers the phone" },
    context,
  });

describe("break-glass is refused to whoever just changed the target's rules or drivers", () => {
  it("the admin who lowered the thresholds cannot break glass alone; another lead can", async () => {
    const target = await firingTarget();
    const rules = [
      { name: "SEV-2", threshold: 0.1, forSeconds: 0 },
      { name: "SEV-1", threshold: 0.2, forSeconds: 0 },
    ];
    await updateAlertRules({ targetId: target.id, rules, expectedVersion: 0, actor: users.admin, confirmFiring: true });
    const refused = await breakGlass("admin", target.slug);
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/^Break-glass is refused: you changed .*'s alert rules at \d\d:\d\d UTC, less than an hour ago/) });
    expect(await db.remediationAction.count({ where: { targetId: target.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: target.id, type: "remediation.refused" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "denied", actorId: users.admin.id, breakGlass: true, error: expect.stringMatching(/you changed/) });

    const other = await breakGlass("lead", target.slug);
    expect(other.ok && other.action).toMatchObject({ state: "succeeded", breakGlass: true });
  });

  it("the same for a change of the restart driver, and only for an hour", async () => {
    const target = await firingTarget();
    const input = remediationSettingsInputSchema.parse({ restartDriver: "http", restartHookUrl: `${target.baseUrl}/_control/restart`, restartTimeoutSeconds: "30" });
    await saveRemediationSettings({ targetId: target.id, input, actor: users.lead });
    expect(await breakGlass("lead", target.slug)).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/you changed .*settings \(restart driver/) });
    const later = await breakGlass("lead", target.slug, testContext({ now: () => new Date(Date.now() + 61 * 60_000) }));
    expect(later.ok && later.action).toMatchObject({ state: "succeeded", breakGlass: true });
  });
});
