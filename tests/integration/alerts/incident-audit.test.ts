import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { at, createTarget, evaluator, holdRatio, runEvaluations } from "@/tests/support/alert-fixtures";

afterAll(() => db.$disconnect());

describe("incidents are in the audit trail", () => {
  it("opening, escalating and resolving each write an audit row with the change", async () => {
    const target = await createTarget();
    await holdRatio(target.id, 0, 390, 0.9);
    await holdRatio(target.id, 405, 990, 0.97);
    await holdRatio(target.id, 1005, 2000, 0.5);
    await runEvaluations([evaluator("worker-x")], 0, 1305);
    const incident = await db.incident.findFirstOrThrow({ where: { targetId: target.id } });
    const rows = await db.auditEvent.findMany({ where: { targetSlug: target.slug, type: { startsWith: "incident." } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.type, r.at.toISOString(), r.incidentId, r.actorKind, (r.data as { severity?: string }).severity ?? null])).toEqual([
      ["incident.opened", at(300).toISOString(), incident.id, "system", "SEV-2"],
      ["incident.escalated", at(705).toISOString(), incident.id, "system", "SEV-1"],
      ["incident.resolved", at(1305).toISOString(), incident.id, "system", null],
    ]);
    expect(rows[0].actorLabel).toBe("headroom alert evaluator (worker-x)");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
