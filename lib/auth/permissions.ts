import type { Role } from "@/lib/generated/prisma/enums";

// One table decides both what the UI offers and what the server allows; the server check
// is the one that counts (hiding a button is never the check).
export const ROLES = ["viewer", "responder", "lead", "admin"] as const satisfies readonly Role[];

export type Permission =
  | "read:console"
  | "run:remediation:safe"
  | "run:remediation:disruptive"
  | "run:remediation:destructive"
  | "approve:remediation"
  | "respond:incident"
  | "assign:incident"
  | "publish:review"
  | "read:audit"
  | "manage:silences"
  | "manage:users"
  | "manage:targets"
  | "manage:thresholds"
  | "manage:tokens";

const viewer: Permission[] = ["read:console"];
// Responders acknowledge incidents, add notes and draft reviews; leads also name an incident's lead and publish its review.
const responder: Permission[] = [...viewer, "run:remediation:safe", "run:remediation:disruptive", "respond:incident"];
const lead: Permission[] = [
  ...responder,
  "run:remediation:destructive",
  "approve:remediation",
  "assign:incident",
  "publish:review",
  "read:audit",
  "manage:silences",
];
// Admins administer the console and can do what a lead can (docs/decisions/0004-roles.md).
const admin: Permission[] = [...lead, "manage:users", "manage:targets", "manage:thresholds", "manage:tokens"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(viewer),
  responder: new Set(responder),
  lead: new Set(lead),
  admin: new Set(admin),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * What a role may do, as the pages receive it with their data: the UI shows or enables from
 * this and never re-derives it; every server action still checks `hasPermission` itself.
 */
export type Can = {
  runSafe: boolean;
  runDisruptive: boolean;
  /** Run a destructive action (approving someone else's request, or breaking glass). */
  runDestructive: boolean;
  approve: boolean;
  /** Acknowledge an incident, add a note to its timeline. */
  respond: boolean;
  assignLead: boolean;
  /** Publish an incident's review, and amend it once published. */
  publishReview: boolean;
  readAudit: boolean;
  manageSilences: boolean;
  manageUsers: boolean;
  manageTargets: boolean;
  manageThresholds: boolean;
  manageTokens: boolean;
};

const CAN: Record<keyof Can, Permission> = {
  runSafe: "run:remediation:safe",
  runDisruptive: "run:remediation:disruptive",
  runDestructive: "run:remediation:destructive",
  approve: "approve:remediation",
  respond: "respond:incident",
  assignLead: "assign:incident",
  publishReview: "publish:review",
  readAudit: "read:audit",
  manageSilences: "manage:silences",
  manageUsers: "manage:users",
  manageTargets: "manage:targets",
  manageThresholds: "manage:thresholds",
  manageTokens: "manage:tokens",
};

export function capabilitiesOf(role: Role): Can {
  return Object.fromEntries(Object.entries(CAN).map(([key, permission]) => [key, hasPermission(role, permission)])) as Can;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
