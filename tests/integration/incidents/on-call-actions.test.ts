import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mockedCache, mockedHeaders, mockedNextAuth, signInAs } from "@/tests/support/mock-session";

vi.mock("next/headers", () => mockedHeaders());
vi.mock("next/cache", () => mockedCache());
vi.mock("next-auth", (importOriginal) => mockedNextAuth(importOriginal));

import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { acknowledgeIncidentAction, addIncidentNoteAction, assignIncidentLeadAction } from "@/app/(console)/incidents/actions";
import { form } from "@/tests/support/action-forms";
import { at, createTarget } from "@/tests/support/alert-fixtures";
import { createUsers, type TestUser } from "@/tests/support/remediation-fixtures";
import { auditRowsAfter, lastAuditId } from "@/tests/support/user-fixtures";

let users: Record<"viewer" | "responder" | "lead" | "lead2" | "admin", TestUser>;
let incidentId: number;


beforeAll(async () => {
  users = await createUsers();
  const target = await createTarget();

  incidentId = (await db.incident.create({ data: { targetId: target.id, title: "HighMemoryUsage", severity: "SEV-2", openedAt: at(0) }, select: { id: true } })).id;
});
afterAll(() => db.$disconnect());

const onCallEvents = () => db.incidentEvent.findMany({ where: { incidentId, kind: { in: ["acknowledgement", "assignment", "note"] } }, orderBy: { id: "asc" } });

describe("acknowledge, name a lead, add notes: who may, and what is recorded", () => {
  it("a viewer (or nobody) cannot acknowledge; the refusal is audited with the incident", async () => {
    for (const who of [users.viewer, null]) {
      signInAs(who);
      const before = await lastAuditId();
      const result = await acknowledgeIncidentAction({ incidentId });
      expect(result).toMatchObject({ ok: false, code: who ? "FORBIDDEN" : "UNAUTHENTICATED" });
      const [row] = await auditRowsAfter(before);
      expect(row).toMatchObject({ type: "incident.acknowledged", outcome: who ? "denied" : "unauthenticated", incidentId });
    }
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).acknowledgedAt).toBeNull();
  });

  it("a responder acknowledges once: who and when on the incident, the timeline and the audit trail; a second one is told who has it", async () => {
    signInAs(users.responder);
    const before = await lastAuditId();
    expect(await acknowledgeIncidentAction({ incidentId })).toMatchObject({ ok: true });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident).toMatchObject({ acknowledgedById: users.responder.id, acknowledgedByLabel: users.responder.email });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "incident.acknowledged", outcome: "ok", actorId: users.responder.id, incidentId, ip: "203.0.113.7" });

    signInAs(users.lead);
    const again = await acknowledgeIncidentAction({ incidentId });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((again as { message: string }).message).toContain(`already acknowledged by ${users.responder.email}`);
    const events = await onCallEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "acknowledgement", at: incident.acknowledgedAt, data: { by: { id: users.responder.id, label: users.responder.email, role: "responder" } } });
  });

  it("only a lead names the lead, and only someone who can respond", async () => {
    signInAs(users.responder);
    expect(await assignIncidentLeadAction(null, form({ incidentId: String(incidentId), leadUserId: String(users.lead.id) }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(users.lead);
    const viewerLead = await assignIncidentLeadAction(null, form({ incidentId: String(incidentId), leadUserId: String(users.viewer.id) }));
    expect(viewerLead).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { leadUserId: "cannot respond" } });
    const before = await lastAuditId();
    expect(await assignIncidentLeadAction(null, form({ incidentId: String(incidentId), leadUserId: String(users.lead2.id) }))).toMatchObject({ ok: true });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ leadId: users.lead2.id, leadLabel: users.lead2.email });
    const [row] = await auditRowsAfter(before);
    expect(row).toMatchObject({ type: "incident.lead_assigned", outcome: "ok", actorId: users.lead.id, data: { leadId: users.lead2.id } });
    const refused = await db.auditEvent.findMany({ where: { incidentId, type: "incident.lead_assigned", outcome: { not: "ok" } } });
    expect(refused.map((r) => r.outcome).sort()).toEqual(["denied", "invalid"]);
  });

  it("responders add notes; an empty one is refused naming the field; a viewer cannot", async () => {
    signInAs(users.responder);
    expect(await addIncidentNoteAction(null, form({ incidentId: String(incidentId), text: "  " }))).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { text: expect.any(String) } });
    expect(await addIncidentNoteAction(null, form({ incidentId: String(incidentId), text: "cache at 1.2 GB, cleaning up" }))).toMatchObject({ ok: true });
    signInAs(users.viewer);
    expect(await addIncidentNoteAction(null, form({ incidentId: String(incidentId), text: "me too" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const notes = (await onCallEvents()).filter((e) => e.kind === "note");
    expect(notes.map((n) => [n.summary, (n.data as { by: { id: number } }).by.id])).toEqual([[`${users.responder.email}: cache at 1.2 GB, cleaning up`, users.responder.id]]);
    expect(await db.auditEvent.count({ where: { incidentId, type: "incident.note_added", outcome: "ok" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { incidentId, type: "incident.note_added", outcome: { in: ["invalid", "denied"] } } })).toBe(2);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("a resolved incident can no longer be acknowledged", async () => {
    const target = await createTarget();
    const resolved = await db.incident.create({ data: { targetId: target.id, title: "old", severity: "SEV-2", openedAt: at(0), status: "resolved", resolvedAt: at(600) }, select: { id: true } });
    signInAs(users.responder);
    expect(await acknowledgeIncidentAction({ incidentId: resolved.id })).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("already resolved") });
    expect(await acknowledgeIncidentAction({ incidentId: 999_999 })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
