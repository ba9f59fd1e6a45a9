import "server-only";
import { requireAuditKey } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditEventSchema, type AuditEventInput } from "./audit-event";
import { GENESIS_HASH, hashAuditRow, type HashedAuditRow } from "./hash-audit-row";
import type { RequestMeta } from "./request-meta";

/** The advisory lock that keeps the chain linear; the insert trigger takes the same one. */
const AUDIT_CHAIN_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('headroom_audit_chain'))";

/** Options for a transaction that appends: it may wait behind other appenders for the chain lock. */
export const AUDIT_TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * An interactive transaction's client. The root client has `$connect` and a transaction's has
 * not, so passing `db` itself does not compile: a caller with no transaction of its own opens one.
 */
export type AuditTx = Prisma.TransactionClient & { $connect?: never };

/**
 * Appends one row to the audit chain, keyed with HEADROOM_AUDIT_KEY, inside the transaction that makes the change it records
 * (a refusal's own transaction when nothing changed). Call it last there: the chain lock is held
 * until that transaction commits, and taking it last means a holder never waits for anything else.
 */
export async function appendAuditEvent(
  tx: AuditTx,
  input: AuditEventInput,
  context: { meta?: RequestMeta | null; now?: Date } = {},
): Promise<{ id: bigint; hash: string }> {
  const event = auditEventSchema.parse(input);
  // Before the chain lock: a console without its key fails here, and the change rolls back with it.
  const key = requireAuditKey();
  const meta = context.meta ?? null;
  await tx.$executeRawUnsafe(AUDIT_CHAIN_LOCK_SQL);
  const [last] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`;
  const [{ id }] = await tx.$queryRaw<{ id: bigint }[]>`SELECT nextval('audit_events_id_seq') AS id`;
  // Exactly what the database will give back, so that the verifier recomputes the same hash.
  const row: HashedAuditRow = {
    id: id.toString(),
    at: (context.now ?? new Date()).toISOString(),
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
  const hash = hashAuditRow(row, { alg: "hmac-sha256", key });
  await tx.auditEvent.create({
    data: {
      ...row,
      id,
      hashAlg: "hmac-sha256",
      at: new Date(row.at),
      parameters: row.parameters === null ? Prisma.DbNull : (row.parameters as Prisma.InputJsonValue),
      data: row.data as Prisma.InputJsonValue,
      hash,
    },
    select: { id: true },
  });
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
