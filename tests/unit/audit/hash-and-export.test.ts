import { describe, expect, it } from "vitest";
import { canonicalJson, hashAuditRow, type HashedAuditRow } from "@/lib/audit/hash-audit-row";
import { auditRowsToCsv } from "@/lib/audit/format-audit-export";
import type { AuditRow } from "@/lib/audit/list-audit-events";

const row: HashedAuditRow = {
  id: "1", at: "2026-11-28T12:00:00.000Z", type: "auth.sign_in", outcome: "ok", actorKind: "user", actorId: 1, actorLabel: "a@b", actorRole: "lead",
  targetId: null, targetSlug: null, actionId: null, remediationId: null, incidentId: null, parameters: null, error: null, ip: null, userAgent: null,
  requestId: null, breakGlass: false, data: { provider: "credentials" }, prevHash: "0".repeat(64),
};

describe("audit row hash", () => {
  it("does not depend on key order, and changes with any field or the previous hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    const hash = hashAuditRow(row);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...row, data: { provider: "credentials" } })).toBe(hash);
    expect(hashAuditRow({ ...row, outcome: "failed" })).not.toBe(hash);
    expect(hashAuditRow({ ...row, prevHash: "1".repeat(64) })).not.toBe(hash);
  });
});

describe("CSV export", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    const exported: AuditRow = {
      id: "7", at: "2026-11-28T12:00:00.000Z", type: "remediation.refused", outcome: "invalid", actor: { kind: "anonymous", id: null, label: "=HYPERLINK(\"x\")", role: null },
      target: "api", actionId: "cache-cleanup", remediationId: null, incidentId: 3, parameters: { a: "1,2" }, error: "line one\nline two", ip: "::1", userAgent: "UA",
      requestId: "r", breakGlass: false, data: {}, prevHash: "0".repeat(64), hash: "f".repeat(64),
    };
    const [header, line] = auditRowsToCsv([exported]).trimEnd().split("\r\n");
    expect(header.split(",")).toHaveLength(20);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line).toContain('"{""a"":""1,2""}"');
    expect(line).toContain('"line one\nline two"');
  });
});
