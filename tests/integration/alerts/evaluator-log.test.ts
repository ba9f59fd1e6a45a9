import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTarget, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("the alert evaluator's log", () => {
  it("names the service, not its row id", async () => {
    const target = await createTarget();
    const row = await db.target.findUniqueOrThrow({ where: { id: target.id }, select: { name: true, slug: true } });
    await holdRatio(target.id, 0, 30, 0.9);
    const lines: string[] = [];
    await runEvaluations([evaluator("log-test", { log: (line) => lines.push(line) })], 0, 30);
    expect(lines).toContain(`alert SEV-2 on ${row.name} (${row.slug}): inactive → pending`);
    expect(lines.join("\n")).not.toMatch(/on target \d/);
  });
});
