import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

afterAll(() => db.$disconnect());

// Two rows exactly as the appender before the one-door change wrote them (commit 4f35289:
// appendAuditEvent({ event, meta, now }) with its own transaction), read back with psql. Their
// hashes were computed by that code; the chains already in databases must keep verifying.
const LEGACY_ROWS = [
  {
    id: 1n, at: "2026-11-28T09:15:30.123Z", type: "remediation.requested", outcome: "awaiting_approval",
    actorKind: "user", actorId: 42, actorLabel: "oncall@headroom.local", actorRole: "responder",
    targetId: 7, targetSlug: "freeagentics-api", actionId: "rolling-restart", remediationId: 11, incidentId: 3,
    parameters: '{"big": 12345678901, "mode": "rolling", "nested": {"a": "ünïcødé \\"quoted\\"", "z": [1, 2.5, "x", null, true]}}',
    error: null, ip: "198.51.100.4", userAgent: "Mozilla/5.0 (X11; Linux x86_64) été", requestId: "req-legacy-1", breakGlass: false,
    data: '{"state": "awaiting_approval", "comment": "line one\\nline two"}',
    prevHash: "0".repeat(64),
    hash: "01d3ad3fd5525b7c9af52d69e0782a01f65c5b2e6d15db2c477b971cfb11e11b",
  },
  {
    id: 2n, at: "2026-11-28T09:16:00.000Z", type: "auth.sign_in_failed", outcome: "failed",
    actorKind: "anonymous", actorId: null, actorLabel: "who@example.test", actorRole: null,
    targetId: null, targetSlug: null, actionId: null, remediationId: null, incidentId: null,
    parameters: null, error: "Wrong email or password", ip: null, userAgent: null, requestId: null, breakGlass: false,
    data: '{"provider": "credentials"}',
    prevHash: "01d3ad3fd5525b7c9af52d69e0782a01f65c5b2e6d15db2c477b971cfb11e11b",
    hash: "6c9a674267ea3887d6b3d647040051902e57a70df3703e73613dac4150ce77f7",
  },
];

describe("rows written before the audit door changed", () => {
  it("still verify, and read back through the one mapper", async () => {
    for (const r of LEGACY_ROWS) {
      await db.$executeRaw`
        INSERT INTO audit_events (id, at, type, outcome, actor_kind, actor_id, actor_label, actor_role, target_id, target_slug,
          action_id, remediation_id, incident_id, parameters, error, ip, user_agent, request_id, break_glass, data, prev_hash, hash)
        VALUES (${r.id}, ${new Date(r.at)}, ${r.type}, ${r.outcome}, ${r.actorKind}, ${r.actorId}, ${r.actorLabel}, ${r.actorRole},
          ${r.targetId}, ${r.targetSlug}, ${r.actionId}, ${r.remediationId}, ${r.incidentId}, ${r.parameters}::jsonb, ${r.error},
          ${r.ip}, ${r.userAgent}, ${r.requestId}, ${r.breakGlass}, ${r.data}::jsonb, ${r.prevHash}, ${r.hash})`;
    }
    // The old appender took these ids from the sequence, as the new one does.
    await db.$queryRaw`SELECT setval('audit_events_id_seq', 2)`;
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 2, headId: "2", headHash: LEGACY_ROWS[1].hash });
    const { rows } = await listAuditEvents({ filter: {}, limit: 10 });
    expect(rows[1]).toMatchObject({
      id: "1",
      at: "2026-11-28T09:15:30.123Z",
      actor: { kind: "user", id: 42, label: "oncall@headroom.local", role: "responder" },
      target: "freeagentics-api",
      parameters: { mode: "rolling", nested: { a: 'ünïcødé "quoted"', z: [1, 2.5, "x", null, true] }, big: 12345678901 },
      hash: LEGACY_ROWS[0].hash,
    });
    // The new appender links onto them, and the whole chain verifies.
    await db.$transaction((tx) => appendAuditEvent(tx, { type: "auth.sign_in", outcome: "ok", actor: { kind: "user", id: 42, label: "oncall@headroom.local", role: "responder" } }));
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 3 });
  });

  it("detects a legacy row edited afterwards", async () => {
    await db.$transaction([
      db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only"),
      db.$executeRaw`UPDATE audit_events SET user_agent = 'Mozilla/5.0' WHERE id = 1`,
      db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only"),
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBad: { id: "1", reason: expect.stringMatching(/content does not match its hash/) } });
  });
});
