import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventSchema, type AuditEventInput } from "./audit-event";
import { GENESIS_HASH, hashAuditRow, type HashedAuditRow } from "./hash-audit-row";
import type { RequestMeta } from "./request-meta";

/** The advisory lock that keeps the chain linear; the insert trigger takes the same one. */
export const AUDIT_CHAIN_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('headroom_audit_chain'))";

export type AppendAuditEventOptions = {
  event: AuditEventInput;
  meta?: RequestMeta | null;
  /** The transaction that makes the change this row records; without one, a transaction of its own. */
  db?: Db;
  now?: Date;
};

/**
 * Appends one row to the audit chain. Call it last in the transaction that makes the change
 * it records: the chain lock is held until that transaction commits, and taking it last means
 * a transaction holding it never waits for anything else.
 */
export async function appendAuditEvent(options: AppendAuditEventOptions): Promise<{ id: bigint; hash: string }> {
  const db = options.db ?? defaultDb;
  // A transaction client has no $transaction; `in` would not see through lib/db's proxy, a read does.
  const root = (db as { $transaction?: unknown }).$transaction;
  if (typeof root === "function") {
    return (db as typeof defaultDb).$transaction((tx) => append(tx, options), { maxWait: 10_000, timeout: 15_000 });
  }
  return append(db as Prisma.TransactionClient, options);
}

async function append(tx: Prisma.TransactionClient, options: AppendAuditEventOptions): Promise<{ id: bigint; hash: string }> {
  const event = auditEventSchema.parse(options.event);
  const meta = options.meta ?? null;
  await tx.$executeRawUnsafe(AUDIT_CHAIN_LOCK_SQL);
  const [last] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`;
  const [{ id }] = await tx.$queryRaw<{ id: bigint }[]>`SELECT nextval('audit_events_id_seq') AS id`;
  const row: HashedAuditRow = {
    id: id.toString(),
    at: (options.now ?? new Date()).toISOString(),
    type: event.type,
    outcome: event.outcome,
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    actorLabel: clean(event.actor.label, 320),
    actorRole: event.actor.role,
    targetId: event.target?.id ?? null,
    targetSlug: clean(event.target?.slug ?? null, 200),
    actionId: clean(event.actionId, 64),
    remediationId: event.remediationId,
    incidentId: event.incidentId,
    parameters: boundedJson(event.parameters),
    error: clean(event.error, 2000),
    ip: clean(meta?.ip ?? null, 64),
    userAgent: clean(meta?.userAgent ?? null, 512),
    requestId: clean(meta?.requestId ?? null, 100),
    breakGlass: event.breakGlass,
    data: boundedJson(event.data) ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditRow(row);
  await tx.$executeRaw`
    INSERT INTO audit_events (id, at, type, outcome, actor_kind, actor_id, actor_label, actor_role, target_id, target_slug,
      action_id, remediation_id, incident_id, parameters, error, ip, user_agent, request_id, break_glass, data, prev_hash, hash)
    VALUES (${id}, ${new Date(row.at)}, ${row.type}, ${row.outcome}, ${row.actorKind}, ${row.actorId}, ${row.actorLabel},
      ${row.actorRole}, ${row.targetId}, ${row.targetSlug}, ${row.actionId}, ${row.remediationId}, ${row.incidentId},
      ${row.parameters === null ? null : JSON.stringify(row.parameters)}::jsonb, ${row.error}, ${row.ip}, ${row.userAgent},
      ${row.requestId}, ${row.breakGlass}, ${JSON.stringify(row.data)}::jsonb, ${row.prevHash}, ${hash})`;
  return { id, hash };
}

// PostgreSQL refuses NUL in text and jsonb; an attempt must never go unrecorded because of one.
function clean(value: string | null, max: number): string | null {
  if (value === null) return null;
  return value.replace(/\u0000/g, "").slice(0, max);
}

const MAX_JSON_CHARS = 8_000;

/** JSON as the database will give it back (NUL-free, no undefined), bounded in size. */
function boundedJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { unserialisable: String(value).slice(0, 200) };
  }
  if (text === undefined) return null;
  // The preview holds JSON escapes as plain characters, never a NUL character itself.
  if (text.length > MAX_JSON_CHARS) return { truncated: true, preview: text.slice(0, MAX_JSON_CHARS) };
  return stripNul(JSON.parse(text));
}

function stripNul(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\u0000/g, "");
  if (Array.isArray(value)) return value.map(stripNul);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/\u0000/g, ""), stripNul(v)]));
  }
  return value;
}
