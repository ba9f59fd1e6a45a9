import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.NEXTAUTH_URL = "http://console.test";
});

import { db } from "@/lib/db";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge-incident";
import { createNotificationDeliverer } from "@/lib/notifications/create-notification-deliverer";
import { renotifyUnacknowledged } from "@/lib/notifications/renotify-unacknowledged";
import { describeApprovalContext } from "@/lib/remediation/request/describe-approval-context";
import { runRemediation } from "@/tests/support/run-in-worker";
import { startTestWebhookReceiver, type TestWebhookReceiver } from "@/tests/support/test-webhook-receiver";
import { at, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";
import { asActor, newKey, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();
let receiver: TestWebhookReceiver;
beforeAll(async () => {
  receiver = await startTestWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

const immediate = () => evaluator("worker", { defaultRules: getDefaultRules({ forSeconds: 0 }), maxAttempts: 4 });
const deliverer = () => createNotificationDeliverer({ workerId: "worker", backoffSeconds: 10, timeoutMs: 2_000 });
type Body = { text: string; headroom: { kind: string; target: string } };
const received = (slug: string) => receiver.requests.map((r) => r.body as Body).filter((b) => b.headroom.target === slug);

async function channel(targetId: number | null, path: string, events: string[], repeatIntervalSeconds = 14_400) {
  return db.notificationChannel.create({
    data: { targetId, name: path, url: `${receiver.url}/${path}`, events, repeatIntervalSeconds, createdAt: at(0), updatedAt: at(0), updatedByEmail: "admin@test" },
    select: { id: true },
  });
}

/** Every due delivery at `s`, the first attempt of each answered 500: each kind is retried once, then delivered. */
async function deliverWithOneRetry(s: number) {
  const d = deliverer();
  const pending = await db.notificationDelivery.count({ where: { status: "pending" } });
  receiver.answer(Array(pending).fill(500), 200);
  while ((await d.tick(at(s))) > 0) await d.drain();
  while ((await d.tick(at(s + 10))) > 0) await d.drain();
}

describe("people are told, on every channel of the target and the global ones, with retries", () => {
  it("opened, escalated, re-notified while unacknowledged, acknowledged, approval waiting, resolved", async () => {
    const { target } = await simulatedTarget({ scenario: "db-pool-growth" });
    const own = await channel(target.id, "own", ["firing", "severity_change", "no_data", "resolved", "acknowledged", "approval_waiting", "renotify"], 60);
    const global = await channel(null, "global", ["firing", "approval_waiting"]);
    const { name } = await db.target.update({ where: { id: target.id }, data: { memoryLimitMb: 1000, lastScrapeOk: true }, select: { name: true } });

    await holdRatio(target.id, 0, 0, 0.9);
    await holdRatio(target.id, 15, 90, 0.97);
    const worker = immediate();
    await runEvaluations([worker], 0, 0); // opened (SEV-2)
    await deliverWithOneRetry(0);
    await runEvaluations([worker], 15, 15); // escalated to SEV-1
    await deliverWithOneRetry(15);
    expect(await renotifyUnacknowledged({ now: at(74) })).toBe(0); // 60 s after the last message on "own"
    expect(await renotifyUnacknowledged({ now: at(75) })).toBe(1);
    expect(await renotifyUnacknowledged({ now: at(75) })).toBe(0); // once
    await deliverWithOneRetry(75);

    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    await acknowledgeIncident({ incidentId: incident.id, actor: users.responder, now: at(100) });
    expect(await renotifyUnacknowledged({ now: at(1000) })).toBe(0); // acknowledged: no more repeats
    await deliverWithOneRetry(100);

    const requested = await runRemediation({
      actor: asActor(users.responder),
      input: { targetSlug: target.slug, actionId: "db-pool-reset", idempotencyKey: newKey(), confirmation: target.slug, reason: "pool at 95%, cleanup did not help" },
      context: testContext({ now: () => at(120) }),
    });
    expect(requested.ok && requested.action).toMatchObject({ state: "awaiting_approval", reason: "pool at 95%, cleanup did not help" });
    // What the approvals page shows beside it: memory and alert now, the incident and who has it.
    expect((await describeApprovalContext({ targetSlugs: [target.slug] }))[target.slug]).toEqual({
      state: "SEV-1", value: 0.97, limitMb: 1000, incident: { id: incident.id, state: "acknowledged", acknowledgedBy: users.responder.email, lead: null },
    });
    await deliverWithOneRetry(120);

    await holdRatio(target.id, 135, 135, 0.5);
    await runEvaluations([worker], 135, 135); // alert resolved
    await deliverWithOneRetry(135);

    const deliveries = await db.notificationDelivery.findMany({ where: { targetId: target.id }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => [d.kind, d.channelId, d.status, d.attempts])).toEqual([
      ["firing", own.id, "delivered", 2],
      ["firing", global.id, "delivered", 2],
      ["severity_change", own.id, "delivered", 2],
      ["renotify", own.id, "delivered", 2],
      ["acknowledged", own.id, "delivered", 2],
      ["approval_waiting", own.id, "delivered", 2],
      ["approval_waiting", global.id, "delivered", 2],
      ["resolved", own.id, "delivered", 2],
    ]);
    const paths = receiver.requests.filter((r) => (r.body as Body).headroom.target === target.slug).map((r) => r.path.split("/").at(-1));
    expect(paths.filter((p) => p === "global")).toHaveLength(4); // two kinds, each retried once

    const link = `<http://console.test/incidents/${incident.id}|incident #${incident.id}>`;
    const texts = [...new Set(received(target.slug).map((b) => `${b.headroom.kind}: ${b.text}`))];
    expect(texts).toEqual([
      `firing: [SEV-2] HighMemoryUsage firing on ${name} — memory 90.0% ${link}`,
      `severity_change: [SEV-1] HighMemoryUsage on ${name}: SEV-2 → SEV-1 — memory 97.0% ${link}`,
      `renotify: [SEV-1] STILL UNACKNOWLEDGED: HighMemoryUsage on ${name}, open for 1 min — memory 97.0% ${link}`,
      `acknowledged: [SEV-1] HighMemoryUsage on ${name} acknowledged by ${users.responder.email} — memory 97.0% ${link}`,
      expect.stringMatching(new RegExp(`^approval_waiting: \\[APPROVAL NEEDED\\] .+ on ${name} requested by ${users.responder.email.replace(/[.]/g, "\\.")}: pool at 95%, cleanup did not help \\(until .+ UTC\\) — memory 97\\.0% <http://console\\.test/approvals\\|request #\\d+>$`)),
      expect.stringMatching(/^resolved: \[RESOLVED\] HighMemoryUsage on .+ \(was SEV-1\) — memory 50\.0% /),
    ]);
    const timeline = await db.incidentEvent.findMany({ where: { incidentId: incident.id, kind: "notification" }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => e.summary)).toContain("Still unacknowledged after 1 min: announced again on 1 channel");
  });
});
