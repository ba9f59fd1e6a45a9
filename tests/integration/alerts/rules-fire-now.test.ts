import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { updateRulesAction } from "@/app/(console)/targets/[slug]/alerts/actions";
import { getTargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { writeSamples } from "@/lib/metrics/write-samples";
import { METRIC } from "@/lib/metrics/sample";
import { form } from "@/tests/support/action-forms";
import { insertUser } from "@/tests/support/user-fixtures";

let target: { id: number; slug: string };

beforeAll(async () => {
  target = await db.target.create({ data: { slug: "at-91", name: "At 91", baseUrl: "http://127.0.0.1:9", memoryLimitMb: 1000 }, select: { id: true, slug: true } });
  await writeSamples({ samples: [{ targetId: target.id, metricName: METRIC.systemUsed, labels: "", timestamp: new Date(Date.now() - 10_000), valueMb: 910 }] });
  signInAs(await insertUser("admin"));
});
afterAll(() => db.$disconnect());

const rules = (fields: { sev2: string; sev1: string; for: string; confirm?: boolean }) =>
  form({
    slug: target.slug,
    expectedVersion: "0",
    sev2_threshold: fields.sev2,
    sev2_for: fields.for,
    sev1_threshold: fields.sev1,
    sev1_for: fields.for,
    ...(fields.confirm ? { confirmFiring: "on" } : {}),
  });

describe("a threshold change that would alert at once", () => {
  it("is shown with the current memory on the form's data", async () => {
    const settings = await getTargetAlertSettings({ slug: target.slug });
    expect(settings?.current).toMatchObject({ ratio: 0.91 });
  });

  it("is refused until confirmed, saying what would fire and why, and nothing is stored", async () => {
    const refused = await updateRulesAction(null, rules({ sev2: "10", sev1: "20", for: "0" }));
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(!refused.ok && refused.fieldErrors?.confirmFiring).toBe(
      "With these thresholds SEV-2 would fire now: memory is 91.0% and the SEV-2 threshold 10.0%. " +
        "With these thresholds SEV-1 would fire now: memory is 91.0% and the SEV-1 threshold 20.0%. Confirm to save them anyway.",
    );
    const pending = await updateRulesAction(null, rules({ sev2: "50", sev1: "99", for: "300" }));
    expect(!pending.ok && pending.fieldErrors?.confirmFiring).toMatch(/^With these thresholds SEV-2 would be pending now and fire in 5 min unless memory falls: memory is 91\.0% and the SEV-2 threshold 50\.0%\. Confirm/);
    expect(await db.alertRuleVersion.count({ where: { targetId: target.id } })).toBe(0);
    const audited = await db.auditEvent.findMany({ where: { type: "threshold.changed", targetId: target.id } });
    expect(audited.map((a) => a.outcome)).toEqual(["invalid", "invalid"]);
  });

  it("is saved once confirmed; thresholds above the current memory need no confirmation", async () => {
    expect(await updateRulesAction(null, rules({ sev2: "10", sev1: "20", for: "0", confirm: true }))).toMatchObject({ ok: true, message: expect.stringMatching(/version 1/) });
    expect(await updateRulesAction(null, form({ slug: target.slug, expectedVersion: "1", sev2_threshold: "92", sev2_for: "300", sev1_threshold: "97", sev1_for: "300" }))).toMatchObject({ ok: true });
  });
});
