import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { channelEvents } from "@/lib/notifications/channel-events";
import { createNotificationDeliverer } from "@/lib/notifications/create-notification-deliverer";
import { startDemoInbox, type DemoInbox } from "@/supervisor/demo-inbox";
import { DEMO_INBOX_CHANNEL, pointDemoInbox, seedDemo } from "@/supervisor/seed-demo";
import { at, createTarget, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

let inbox: DemoInbox;
const printed: string[] = [];
beforeAll(async () => {
  inbox = await startDemoInbox({ log: (line) => printed.push(line) });
});
afterAll(async () => {
  await inbox.close();
  await db.$disconnect();
});

describe("the demo's inbox", () => {
  it("is a global channel from the first start: an alert firing on any target is printed to the terminal", async () => {
    expect(await seedDemo({ db, password: "correct horse", targets: [], inboxUrl: inbox.url })).toBe(true);
    const channel = await db.notificationChannel.findFirstOrThrow({ where: { name: DEMO_INBOX_CHANNEL } });
    expect(channel).toMatchObject({ targetId: null, url: inbox.url });
    expect([...channel.events].sort()).toEqual([...channelEvents].sort());

    const target = await createTarget({ slug: "inbox-demo" });
    await holdRatio(target.id, 0, 0, 0.9);
    await runEvaluations([evaluator("worker", { defaultRules: getDefaultRules({ forSeconds: 0 }) })], 0, 0);
    const deliverer = createNotificationDeliverer({ workerId: "worker", timeoutMs: 5_000 });
    expect(await deliverer.tick(at(0))).toBeGreaterThanOrEqual(1);
    await deliverer.drain();

    expect(printed.some((line) => /SEV-\d/.test(line) && line.includes("Target inbox-demo"))).toBe(true);
    expect(inbox.messages().map((m) => m.text)).toEqual(printed);
    const row = await db.notificationDelivery.findFirstOrThrow({ where: { targetId: target.id, channelId: channel.id } });
    expect(row.status).toBe("delivered");
  });

  it("follows the inbox to its new port on a later start, and stays removed once an admin removed it", async () => {
    await pointDemoInbox({ db, inboxUrl: "http://127.0.0.1:2/hooks/slack" });
    expect((await db.notificationChannel.findFirstOrThrow({ where: { name: DEMO_INBOX_CHANNEL } })).url).toBe("http://127.0.0.1:2/hooks/slack");
    await db.notificationChannel.deleteMany({ where: { name: DEMO_INBOX_CHANNEL } });
    await pointDemoInbox({ db, inboxUrl: inbox.url });
    expect(await db.notificationChannel.count({ where: { name: DEMO_INBOX_CHANNEL } })).toBe(0);
  });

  it("answers like Slack's incoming webhooks: 400 no_text without text, 413 when too large", async () => {
    const post = (body: string) => fetch(inbox.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    const before = inbox.messages().length;
    const empty = await post(JSON.stringify({ blocks: [] }));
    expect([empty.status, await empty.text()]).toEqual([400, "no_text\n"]);
    expect((await post(JSON.stringify({ text: "x".repeat(70_000) }))).status).toBe(413);
    expect((await post("not json")).status).toBe(400);
    expect(inbox.messages()).toHaveLength(before);
  });
});
