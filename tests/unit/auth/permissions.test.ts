import { describe, expect, it } from "vitest";
import { ROLES, capabilitiesOf, hasPermission, isRole, type Permission } from "@/lib/auth/permissions";

// The matrix the issues describe: viewer runs nothing; responder runs safe and disruptive;
// lead adds destructive, approval and audit; admin adds administration.
const EXPECTED: Record<Permission, string[]> = {
  "read:console": ["viewer", "responder", "lead", "admin"],
  "run:remediation:safe": ["responder", "lead", "admin"],
  "run:remediation:disruptive": ["responder", "lead", "admin"],
  "run:remediation:destructive": ["lead", "admin"],
  "approve:remediation": ["lead", "admin"],
  "respond:incident": ["responder", "lead", "admin"],
  "assign:incident": ["lead", "admin"],
  "publish:review": ["lead", "admin"],
  "read:audit": ["lead", "admin"],
  "manage:silences": ["lead", "admin"],
  "manage:users": ["admin"],
  "manage:targets": ["admin"],
  "manage:thresholds": ["admin"],
  "manage:tokens": ["admin"],
};

describe("role permissions", () => {
  for (const [permission, allowed] of Object.entries(EXPECTED)) {
    it(`${permission} is granted to exactly ${allowed.join(", ")}`, () => {
      const granted = ROLES.filter((role) => hasPermission(role, permission as Permission));
      expect(granted).toEqual(allowed);
    });
  }

  it("recognises only the four roles", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe("capabilitiesOf", () => {
  it("is the same table, as the flags pages receive", () => {
    expect(capabilitiesOf("viewer")).toEqual({
      runSafe: false, runDisruptive: false, runDestructive: false, approve: false, respond: false, assignLead: false, publishReview: false, readAudit: false,
      manageSilences: false, manageUsers: false, manageTargets: false, manageThresholds: false, manageTokens: false,
    });
    expect(capabilitiesOf("responder")).toMatchObject({ runSafe: true, runDisruptive: true, runDestructive: false, approve: false, respond: true, assignLead: false, publishReview: false });
    expect(capabilitiesOf("lead")).toMatchObject({ runDestructive: true, approve: true, readAudit: true, publishReview: true, manageSilences: true, manageUsers: false });
    expect(Object.values(capabilitiesOf("admin")).every(Boolean)).toBe(true);
  });
});
