import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSilence } from "@/lib/alerts/create-silence";
import { endSilence } from "@/lib/alerts/end-silence";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import { at, createTarget, eventsOf, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());
const lead = { id: 3, email: "lead@test", role: "lead" };
const kinds = async (targetId: number) =>
  (await db.notificationDelivery.findMany({ where: { targetId }, orderBy: { id: "asc" } })).map((n) => [n.kind, (n.createdAt.getTime() - at(0).getTime()) / 1000]);

describe("silences", () => {
  it("suppress notifications but not the alert or the incident, and expire on their own", async () => {
    const target = await createTarget({ webhookUrl: "http://127.0.0.1:9/unused" });
    await holdRatio(target.id, 0, 1200, 0.9);
    const silence = await createSilence({ targetId: target.id, durationMinutes: 10, comment: "deploying the leak fix", actor: lead, now: at(-1) });
    const worker = evaluator("worker");

    await runEvaluations([worker], 0, 585);
    expect(await kinds(target.id)).toEqual([]);
    const overview = await getAlertOverview({ now: at(585) });
    expect(overview.get(target.id)).toMatchObject({ state: "SEV-2", silencedUntil: at(599).toISOString(), silenceComment: "deploying the leak fix" });
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    expect(incident.status).toBe("open");

    // The silence ran out at 599: the next evaluation tells the receiver what it missed.
    await runEvaluations([worker], 600, 700);
    expect(await kinds(target.id)).toEqual([["firing", 600]]);
    expect((await getAlertOverview({ now: at(600) })).get(target.id)?.silencedUntil).toBeNull();
    const summaries = (await eventsOf(incident.id)).map((e) => e.summary);
    expect(summaries).toContainEqual(expect.stringMatching(/^Notification suppressed \(SEV-2 firing\): silenced until .* by lead@test$/));
    expect(summaries).toContain(`Silence #${silence.id} expired (set by lead@test: deploying the leak fix)`);
  });

  it("never send what came and went inside the silence, and send at once when a lead ends it early", async () => {
    const brief = await createTarget({ webhookUrl: "http://127.0.0.1:9/unused" });
    await holdRatio(brief.id, 0, 300, 0.9);
    await holdRatio(brief.id, 315, 1500, 0.5);
    await createSilence({ targetId: brief.id, durationMinutes: 20, comment: "load test", actor: lead, now: at(-1) });

    const ended = await createTarget({ webhookUrl: "http://127.0.0.1:9/unused" });
    await holdRatio(ended.id, 0, 1500, 0.9);
    const silence = await createSilence({ targetId: ended.id, durationMinutes: 60, comment: "known leak", actor: lead, now: at(-1) });

    const worker = evaluator("worker");
    await runEvaluations([worker], 0, 400);
    await endSilence({ silenceId: silence.id, actor: lead, now: at(401) });
    await runEvaluations([worker], 405, 1500);

    expect(await kinds(brief.id)).toEqual([]);
    expect(await db.incident.count({ where: { targetId: brief.id } })).toBe(1); // still recorded
    expect(await kinds(ended.id)).toEqual([["firing", 405]]);
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: ended.id } });
    expect((await eventsOf(incident.id)).map((e) => e.summary)).toContain(`Silence #${silence.id} ended early by lead@test (known leak)`);
    await expect(endSilence({ silenceId: silence.id, actor: lead, now: at(500) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuse a silence without a comment or with an absurd duration", async () => {
    const target = await createTarget();
    await expect(createSilence({ targetId: target.id, durationMinutes: 30, comment: "  ", actor: lead })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createSilence({ targetId: target.id, durationMinutes: 0, comment: "x", actor: lead })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db.silence.count({ where: { targetId: target.id } })).toBe(0);
  });
});
