import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { amendReviewAction, publishReviewAction, saveReviewDraftAction } from "@/app/(console)/incidents/[id]/review/actions";
import { form } from "@/tests/support/action-forms";
import { at, createTarget } from "@/tests/support/alert-fixtures";
import { createUsers, type TestUser } from "@/tests/support/remediation-fixtures";
import { auditRowsAfter, lastAuditId } from "@/tests/support/user-fixtures";

let users: Record<"viewer" | "responder" | "lead" | "lead2" | "admin", TestUser>;
let incidentId: number;

const followUps = JSON.stringify([{ item: "Update thresholds if needed", owner: "rita", state: "done", link: "https://example.com/backtest/1" }]);
const draft = (fields: Record<string, string> = {}) => form({ incidentId: String(incidentId), rootCause: "agent_memory_leak", summary: "Orphaned agents leaked.", followUps, ...fields });

beforeAll(async () => {
  users = await createUsers();
  const target = await createTarget();
  incidentId = (await db.incident.create({ data: { targetId: target.id, title: "HighMemoryUsage", severity: "SEV-2", openedAt: at(0) }, select: { id: true } })).id;
});
afterAll(() => db.$disconnect());

const reviewRow = () => db.incidentReview.findUnique({ where: { incidentId }, include: { amendments: true } });

describe("incident reviews: drafted by responders, published by a lead, then only amended", () => {
  it("a viewer cannot draft, publish or amend; each refusal is audited with the incident", async () => {
    signInAs(users.viewer);
    const before = await lastAuditId();
    expect(await saveReviewDraftAction(null, draft())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await publishReviewAction(null, draft())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await amendReviewAction(null, form({ incidentId: String(incidentId), text: "late" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const rows = await auditRowsAfter(before);
    expect(rows.map((r) => [r.type, r.outcome, r.incidentId])).toEqual([
      ["review.drafted", "denied", incidentId],
      ["incident.reviewed", "denied", incidentId],
      ["review.amended", "denied", incidentId],
    ]);
    expect(await reviewRow()).toBeNull();
  });

  it("a bad follow-up is refused naming the field", async () => {
    signInAs(users.responder);
    const result = await saveReviewDraftAction(null, draft({ followUps: JSON.stringify([{ item: "x", state: "maybe" }]) }));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(JSON.stringify(result)).toContain("followUps");
  });

  it("a responder saves a draft; a responder cannot publish; a lead cannot publish before the incident resolves", async () => {
    signInAs(users.responder);
    expect(await saveReviewDraftAction(null, draft())).toMatchObject({ ok: true, message: "Draft saved." });
    expect(await reviewRow()).toMatchObject({ status: "draft", rootCause: "agent_memory_leak", draftedByLabel: users.responder.email, followUps: [{ item: "Update thresholds if needed", owner: "rita", state: "done" }] });
    expect(await publishReviewAction(null, draft())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(users.lead);
    expect(await publishReviewAction(null, draft())).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await reviewRow())?.status).toBe("draft");
  });

  it("a lead publishes a resolved incident's review: reviewed on the incident, its timeline and the audit trail", async () => {
    await db.incident.update({ where: { id: incidentId }, data: { status: "resolved", resolvedAt: at(40) } });
    signInAs(users.lead);
    expect(await publishReviewAction(null, draft({ rootCause: "" }))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    const before = await lastAuditId();
    expect(await publishReviewAction(null, draft({ summary: "Orphaned agents leaked; cleanup held." }))).toMatchObject({ ok: true });
    const review = await reviewRow();
    expect(review).toMatchObject({ status: "published", publishedByLabel: users.lead.email, summary: "Orphaned agents leaked; cleanup held." });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).reviewedAt).not.toBeNull();
    expect(await db.incidentEvent.count({ where: { incidentId, kind: "review" } })).toBe(1);
    const rows = await auditRowsAfter(before);
    expect(rows).toEqual([expect.objectContaining({ type: "incident.reviewed", outcome: "ok", actorId: users.lead.id, incidentId })]);
  });

  it("a published review cannot be changed: not by saving, not by publishing again, not by SQL; only by an audited amendment", async () => {
    const published = await reviewRow();
    signInAs(users.responder);
    expect(await saveReviewDraftAction(null, draft({ summary: "rewritten" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    signInAs(users.lead);
    expect(await publishReviewAction(null, draft({ summary: "rewritten" }))).toMatchObject({ ok: false, code: "CONFLICT" });
    await expect(db.$executeRaw`UPDATE incident_reviews SET summary = 'rewritten' WHERE incident_id = ${incidentId}`).rejects.toThrow(/published: amend it instead/);

    signInAs(users.responder);
    expect(await amendReviewAction(null, form({ incidentId: String(incidentId), text: "late" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(users.lead);
    const before = await lastAuditId();
    expect(await amendReviewAction(null, form({ incidentId: String(incidentId), text: "The leak came back in #99: the fix is in 2.4.1." }))).toMatchObject({ ok: true });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "review.amended", outcome: "ok", actorId: users.lead.id, incidentId });
    const after = await reviewRow();
    expect(after?.amendments).toEqual([expect.objectContaining({ text: "The leak came back in #99: the fix is in 2.4.1.", byLabel: users.lead.email })]);
    const { amendments: _a, ...text } = after!;
    const { amendments: _b, ...publishedText } = published!;
    expect(text).toEqual(publishedText);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
