import { hasPermission, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Who asks for an action: a signed-in person, or a non-human policy (the auto-remediation
 * policy) whose grants its configuration decides. Policies never approve and never break glass.
 */
export type RemediationActor =
  | { kind: "user"; id: number; email: string; name: string; role: Role }
  | { kind: "policy"; policyId: string; grants: readonly Permission[] };

export function actorCan(actor: RemediationActor, permission: Permission): boolean {
  return actor.kind === "user" ? hasPermission(actor.role, permission) : actor.grants.includes(permission);
}

export function actorLabel(actor: RemediationActor): string {
  return actor.kind === "user" ? actor.email : `policy:${actor.policyId}`;
}

export function actorRole(actor: RemediationActor): string {
  return actor.kind === "user" ? actor.role : "policy";
}
