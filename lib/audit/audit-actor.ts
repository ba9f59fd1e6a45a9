import type { AuditActor } from "./audit-event";

/** Who an audit row names: a signed-in person (as requireUser returns them), a policy, or nobody. */
export type ActorSource = { id: number; email: string; role: string } | { kind: "policy"; policyId: string } | null;

/** The one conversion to an AuditActor; no session is the anonymous actor. */
export function auditActorOf(who: ActorSource): AuditActor {
  if (who === null) return { kind: "anonymous" };
  if ("policyId" in who) return { kind: "policy", id: null, label: `policy:${who.policyId}`, role: "policy" };
  return { kind: "user", id: who.id, label: who.email, role: who.role };
}
