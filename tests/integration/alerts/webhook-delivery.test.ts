import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { getTargetAlertSettings } from "@/lib/alerts/get-target-alert-settings";
import { createNotificationDeliverer } from "@/lib/notifications/create-notification-deliverer";
import { startTestWebhookReceiver, type TestWebhookReceiver } from "@/tests/support/test-webhook-receiver";
import { at, createTarget, eventsOf, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

let receiver: TestWebhookReceiver;
beforeAll(async () => {
  receiver = await startTestWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

// `for: 0` so one evaluation fires; the evaluator queues, the deliverer sends. The timeout is
// generous: a loopback answer can take far over 300 ms on a loaded 2-core CI machine.
const immediate = () => evaluator("worker", { defaultRules: getDefaultRules({ forSeconds: 0 }), maxAttempts: 4 });
const deliverer = (timeoutMs = 2_000) => createNotificationDeliverer({ workerId: "worker", backoffSeconds: 10, timeoutMs });

async function deliverAt(d: ReturnType<typeof deliverer>, seconds: number) {
  const claimed = await d.tick(at(seconds));
  await d.drain();
  return claimed;
}

async function fireOn(targetSlug: string, fromS: number) {
  const target = await createTarget({ slug: targetSlug, webhookUrl: receiver.url });
  await holdRatio(target.id, fromS, fromS, 0.9);
  await runEvaluations([immediate()], fromS, fromS);
  return target;
}

describe("webhook notifications", () => {
  it("are delivered as Slack-compatible JSON, retried with exponential backoff until the receiver accepts", async () => {
    const target = await fireOn("hook-retry", 0);
    receiver.answer([500, 503], 200);
    receiver.requests.length = 0;
    const d = deliverer();

    expect(await deliverAt(d, 0)).toBe(1);
    let row = await db.notificationDelivery.findFirstOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, nextAttemptAt: at(10) });
    expect(row.lastError).toMatch(/^HTTP 500: test receiver answered 500/);

    expect(await deliverAt(d, 9.999)).toBe(0); // not before the backoff
    expect(await deliverAt(d, 10)).toBe(1);
    row = await db.notificationDelivery.findFirstOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 503, nextAttemptAt: at(30) }); // doubled

    expect(await deliverAt(d, 29)).toBe(0);
    expect(await deliverAt(d, 30)).toBe(1);
    row = await db.notificationDelivery.findFirstOrThrow({ where: { targetId: target.id } });
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200, lastError: null, deliveredAt: at(30) });

    expect(receiver.requests).toHaveLength(3);
    const [request] = receiver.requests;
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toMatchObject({
      text: expect.stringMatching(/^\[SEV-2\] HighMemoryUsage firing on Target hook-retry — memory 90\.0% <http:\/\/console\.test\/incidents\/\d+\|incident #\d+>$/),
      attachments: [{ color: "#d29922", fields: expect.arrayContaining([{ title: "Target", value: "hook-retry", short: true }]) }],
      headroom: { kind: "firing", target: "hook-retry", severity: "SEV-2", value: 0.9, at: at(0).toISOString() },
    });
    expect(receiver.requests[2].body).toEqual(request.body);

    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    const notificationEvents = (await eventsOf(incident.id)).filter((e) => e.kind === "notification");
    expect(notificationEvents).toEqual([
      { s: 0, kind: "notification", summary: "Webhook attempt 1 of 4 to \"Webhook\" failed: HTTP 500: test receiver answered 500; retrying in 10 s" },
      { s: 10, kind: "notification", summary: "Webhook attempt 2 of 4 to \"Webhook\" failed: HTTP 503: test receiver answered 503; retrying in 20 s" },
      { s: 30, kind: "notification", summary: "Webhook delivered to \"Webhook\": [SEV-2] HighMemoryUsage firing on Target hook-retry (after 3 attempts)" },
    ]);
  });

  it("fail visibly after the last attempt, on the alert page and in the incident", async () => {
    const target = await fireOn("hook-down", 0);
    receiver.answer([], 500);
    const d = deliverer();
    for (const s of [0, 10, 30, 70]) expect(await deliverAt(d, s)).toBe(1);
    expect(await deliverAt(d, 1000)).toBe(0); // given up: no fifth attempt

    const settings = await getTargetAlertSettings({ slug: target.slug, now: at(1000) });
    expect(settings?.deliveries).toMatchObject([{ kind: "firing", status: "failed", attempts: 4, maxAttempts: 4, lastStatusCode: 500 }]);
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    const last = (await eventsOf(incident.id)).at(-1);
    expect(last?.summary).toMatch(/^Webhook delivery to "Webhook" FAILED \(after 4 attempts\): .* HTTP 500.*Nobody was notified by webhook\.$/);
  });

  it("do not retry an answer that retrying cannot change, and retry a receiver that does not answer", async () => {
    const gone = await fireOn("hook-gone", 0);
    receiver.answer([404]);
    const d = deliverer();
    await deliverAt(d, 0);
    expect(await db.notificationDelivery.findFirstOrThrow({ where: { targetId: gone.id } })).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 404 });

    const slow = await fireOn("hook-slow", 0);
    receiver.answer(["hang"], 200);
    const impatient = deliverer(300);
    await deliverAt(impatient, 0);
    const row = await db.notificationDelivery.findFirstOrThrow({ where: { targetId: slow.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: "no answer within 300 ms", nextAttemptAt: at(10) });
    expect(await deliverAt(impatient, 10)).toBe(1); // it answers this time
    expect(await db.notificationDelivery.findFirstOrThrow({ where: { targetId: slow.id } })).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("keep each target's notifications in order: resolved waits for the firing still being retried", async () => {
    const target = await fireOn("hook-order", 0);
    await holdRatio(target.id, 15, 15, 0.5);
    await runEvaluations([immediate()], 15, 15); // resolved, queued behind firing
    receiver.answer([500], 200);
    receiver.requests.length = 0;
    const d = deliverer();
    expect(await deliverAt(d, 15)).toBe(1); // only the firing one is due
    expect(await deliverAt(d, 25)).toBe(1); // firing delivered
    expect(await deliverAt(d, 25)).toBe(1); // then resolved
    const kinds = receiver.requests.filter((r) => (r.body as { headroom: { target: string } }).headroom.target === "hook-order").map((r) => (r.body as { headroom: { kind: string } }).headroom.kind);
    expect(kinds).toEqual(["firing", "firing", "resolved"]);
  });
});
