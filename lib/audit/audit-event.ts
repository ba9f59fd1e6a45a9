import { z } from "zod";

// Every audit event type as its own zod schema (CONVENTIONS.md › Audit): the appender parses
// the event before hashing it, so a row that reaches the chain has a known shape.

export const auditActorSchema = z.object({
  kind: z.enum(["user", "policy", "anonymous", "system"]),
  id: z.int().positive().nullable().default(null),
  /** Email for a user, `policy:<id>` for a policy, the attempted email (or null) when anonymous. */
  label: z.string().max(320).nullable().default(null),
  role: z.string().max(32).nullable().default(null),
});
export type AuditActor = z.input<typeof auditActorSchema>;

const common = {
  actor: auditActorSchema,
  target: z.object({ id: z.int().nullable(), slug: z.string().max(200) }).nullable().default(null),
  actionId: z.string().max(64).nullable().default(null),
  remediationId: z.int().positive().nullable().default(null),
  incidentId: z.int().positive().nullable().default(null),
  parameters: z.unknown().optional(),
  error: z.string().max(2000).nullable().default(null),
  breakGlass: z.boolean().default(false),
  data: z.record(z.string(), z.unknown()).default({}),
};

const event = <T extends string, O extends readonly [string, ...string[]]>(type: T, outcomes: O) =>
  z.object({ type: z.literal(type), outcome: z.enum(outcomes), ...common });

/** Refusals name why: the attempt is recorded whatever stopped it. */
export const refusalOutcomes = ["unauthenticated", "denied", "invalid", "not_found", "conflict", "expired", "error"] as const;
export type RefusalOutcome = (typeof refusalOutcomes)[number];

export const auditEventSchema = z.discriminatedUnion("type", [
  /** A remediation was asked for: accepted to run, waiting for a second person, or a retry of one already asked for. */
  event("remediation.requested", ["accepted", "awaiting_approval", "duplicate"]),
  /** A request that never became an action: no session, no permission, bad input, another action running… */
  event("remediation.refused", refusalOutcomes),
  event("remediation.approved", ["approved"]),
  event("remediation.rejected", ["rejected"]),
  /** The requester took back their own request while it waited for a second person. */
  event("remediation.withdrawn", ["withdrawn"]),
  event("remediation.expired", ["expired"]),
  /** An approval or rejection that was not allowed (own request, expired, wrong role…). */
  event("remediation.decision_refused", refusalOutcomes),
  event("remediation.started", ["running"]),
  /** A run whose worker died before calling the target, taken over by another worker. */
  event("remediation.resumed", ["running"]),
  event("remediation.finished", ["succeeded", "failed", "timed_out"]),
  event("auth.sign_in", ["ok"]),
  /** The first failed sign-in of an account from an address in a window (lib/limits/failed-attempt-windows.ts); "locked": refused unchecked. */
  event("auth.sign_in_failed", ["failed", "denied", "locked"]),
  /** The first push with a bad ingest token from an address in a window. */
  event("ingest.token_refused", ["unauthenticated", "locked"]),
  /** "N more failed attempts from IP x for account y between t1 and t2": the rest of a window, in one row. */
  event("auth.failed_attempts_summarized", ["failed"]),
  /** User administration; a refused attempt (no session, not an admin, a guard rail) carries the refusal outcome. */
  event("user.created", ["ok", ...refusalOutcomes]),
  event("user.changed", ["ok", ...refusalOutcomes]),
  /** Alert threshold changes (lib/alerts/update-alert-rules.ts appends this in its transaction). */
  event("threshold.changed", ["ok", ...refusalOutcomes]),
  /** Target settings, including how it is restarted, which Redis is cleaned and the auto-remediation policy. */
  event("target.changed", ["ok", ...refusalOutcomes]),
  /** A service added in the console, or deleted with its data (the audit trail keeps its rows). */
  event("target.created", ["ok", ...refusalOutcomes]),
  event("target.deleted", ["ok", ...refusalOutcomes]),
  /** "Test connection" makes the server call a URL an admin typed: its refusals are recorded. */
  event("target.tested", refusalOutcomes),
  /** The provisioning file applied (what it created, updated, disabled), or refused with its errors. */
  event("targets.provisioned", ["ok", "invalid"]),
  /** A lead silences a target's notifications, or ends a silence early. */
  event("silence.created", ["ok", ...refusalOutcomes]),
  event("silence.ended", ["ok", ...refusalOutcomes]),
  /** A target's webhook set or removed; its URL is recorded with the path masked (a Slack URL's path is its secret). */
  event("webhook.changed", ["ok", ...refusalOutcomes]),
  /** Ingest tokens; the token itself is never recorded, only its id, name and visible prefix. */
  event("token.created", ["ok", ...refusalOutcomes]),
  event("token.revoked", ["ok", ...refusalOutcomes]),
  event("audit.exported", ["ok", "denied"]),
  /** The alert evaluator opens, escalates and resolves incidents (lib/alerts/apply-evaluation-plan.ts). */
  event("incident.opened", ["ok"]),
  event("incident.escalated", ["ok"]),
  event("incident.resolved", ["ok"]),
  /** The on-call loop (lib/incidents): people acknowledge, name a lead, add notes; refusals carry the refusal outcome. */
  event("incident.acknowledged", ["ok", ...refusalOutcomes]),
  event("incident.lead_assigned", ["ok", ...refusalOutcomes]),
  event("incident.note_added", ["ok", ...refusalOutcomes]),
  /** The evaluator marks an incident mitigated (memory back under the threshold after an action), or firing again after that. */
  event("incident.mitigated", ["ok"]),
  event("incident.mitigation_lost", ["ok"]),
  /** A published review marks its incident reviewed (lib/incidents/mark-incident-reviewed.ts); a refused publish carries the refusal outcome. */
  event("incident.reviewed", ["ok", ...refusalOutcomes]),
  /** A review's draft saved, and an amendment to a published review (lib/reviews); the published text itself never changes. */
  event("review.drafted", ["ok", ...refusalOutcomes]),
  event("review.amended", ["ok", ...refusalOutcomes]),
]);

/** The event types an attempt can be refused as (every server action records its refusals as one of these). */
export type RefusableEventType = Extract<
  AuditEventInput["type"],
  | "remediation.refused"
  | "remediation.decision_refused"
  | "user.created"
  | "user.changed"
  | "threshold.changed"
  | "target.changed"
  | "target.created"
  | "target.deleted"
  | "target.tested"
  | "silence.created"
  | "silence.ended"
  | "webhook.changed"
  | "token.created"
  | "token.revoked"
  | "incident.acknowledged"
  | "incident.lead_assigned"
  | "incident.note_added"
  | "incident.reviewed"
  | "review.drafted"
  | "review.amended"
>;

export type AuditEventInput = z.input<typeof auditEventSchema>;
export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditEventType = AuditEvent["type"];
export const auditEventTypes = auditEventSchema.options.map((o) => o.shape.type.value) as AuditEventType[];
export const auditOutcomes = [
  ...new Set(auditEventSchema.options.flatMap((o) => o.shape.outcome.options as readonly string[])),
].sort();
