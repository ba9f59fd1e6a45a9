import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import { at, createTarget, eventsOf, evaluator, holdRatio, runEvaluations, transitionsOf } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("alert state persisted in the database", () => {
  it("restores pending progress after an evaluator restart: fires 5 min after it became pending, not after the restart", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 600, 0.9);

    const first = evaluator("worker-before-restart");
    await runEvaluations([first], 0, 120);
    const pending = await db.alertRuleState.findUnique({ where: { targetId_ruleName: { targetId: target.id, ruleName: "SEV-2" } } });
    expect(pending).toMatchObject({ status: "pending", activeAt: at(0) });

    // A new process: nothing carried over in memory. A tick was missed while it restarted.
    const second = evaluator("worker-after-restart");
    await runEvaluations([second], 150, 330);

    expect(await transitionsOf(target.id)).toEqual([
      { rule: "SEV-2", to: "pending", s: 0, worker: "worker-before-restart" },
      { rule: "SEV-2", to: "firing", s: 300, worker: "worker-after-restart" },
    ]);
    const overview = await getAlertOverview({ now: at(330) });
    expect(overview.get(target.id)).toMatchObject({ state: "SEV-2", since: at(300).toISOString(), noData: false, value: 0.9 });
  });

  it("keeps a firing alert firing with no data while scrapes fail, but resolves it when samples merely stop", async () => {
    const crashed = await createTarget();
    const quiet = await createTarget();
    for (const t of [crashed, quiet]) await holdRatio(t.id, 0, 300, 0.92);
    const worker = evaluator("worker");
    await runEvaluations([worker], 0, 300);

    // The leaking service is OOM-killed: the collector records failed scrapes and no samples.
    await db.target.update({ where: { id: crashed.id }, data: { lastScrapeOk: false } });
    await runEvaluations([worker], 315, 1200);

    const crashedTransitions = await transitionsOf(crashed.id);
    expect(crashedTransitions.filter((t) => t.rule === "SEV-2").map((t) => t.to)).toEqual(["pending", "firing"]);
    const overview = await getAlertOverview({ now: at(1200) });
    expect(overview.get(crashed.id)).toMatchObject({ state: "SEV-2", noData: true, value: null });
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: crashed.id } });
    expect(incident.status).toBe("open");
    expect((await eventsOf(incident.id)).map((e) => e.summary)).toContainEqual(expect.stringMatching(/^No data: the target stopped answering; SEV-2 is held firing/));

    // Without a failed scrape it is Prometheus: resolved at the first evaluation with no sample in 5 min.
    const quietTransitions = await transitionsOf(quiet.id);
    expect(quietTransitions.at(-1)).toMatchObject({ rule: "SEV-2", to: "inactive", s: 615 });
    expect(overview.get(quiet.id)).toMatchObject({ state: "no_data", noData: false });

    // It answers again, recovered: resolved at once, with data.
    await db.target.update({ where: { id: crashed.id }, data: { lastScrapeOk: true } });
    await holdRatio(crashed.id, 1215, 1215, 0.5);
    await runEvaluations([worker], 1215, 1215);
    expect((await transitionsOf(crashed.id)).at(-1)).toMatchObject({ rule: "SEV-2", to: "inactive", s: 1215 });
    expect((await getAlertOverview({ now: at(1215) })).get(crashed.id)).toMatchObject({ state: "ok", noData: false });
  });
});
