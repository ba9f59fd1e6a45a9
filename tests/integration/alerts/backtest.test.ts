import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { alertRuleSetSchema } from "@/lib/alerts/alert-rule-set-schema";
import { backtestTargetRules } from "@/lib/alerts/backtest-target-rules";
import { at, createTarget, holdRatio, LIMIT_MB } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("backtest on a target's stored samples", () => {
  it("counts the alerts and firing time proposed rules would have produced, beside the current ones", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 3600, 0.5);
    await holdRatio(target.id, 3615, 4800, 0.88); // 20 min at 88 %
    await holdRatio(target.id, 4815, 7200, 0.5);

    const proposed = alertRuleSetSchema.parse([
      { name: "SEV-2", threshold: 0.9, forSeconds: 300 },
      { name: "SEV-1", threshold: 0.95, forSeconds: 300 },
    ]);
    const result = await backtestTargetRules({ targetId: target.id, memoryLimitMb: LIMIT_MB, days: 1, proposed, now: at(7200) });

    expect(result.sampleCount).toBe(481);
    expect(result.firstSampleAt).toBe(at(0).toISOString());
    const current = result.current.results.find((r) => r.rule === "SEV-2")!;
    // Pending at 3615, firing at 3915, resolved at the first evaluation at 50 % (4815).
    expect(current).toMatchObject({ alertsFired: 1, firingSeconds: 900 });
    expect(new Date(current.firingIntervals[0].start * 1000)).toEqual(at(3915));
    expect(result.proposed.results.map((r) => [r.rule, r.alertsFired, r.firingSeconds])).toEqual([
      ["SEV-2", 0, 0],
      ["SEV-1", 0, 0],
    ]);
  });
});
