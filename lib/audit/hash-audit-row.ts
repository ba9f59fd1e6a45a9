import { createHash, createHmac } from "node:crypto";

/** Hash of the row before the first one. */
export const GENESIS_HASH = "0".repeat(64);

/** Exactly the columns the hash covers, as they come back from the database (and as the appender writes them). */
export type HashedAuditRow = {
  id: string;
  at: string;
  type: string;
  outcome: string;
  actorKind: string;
  actorId: number | null;
  actorLabel: string | null;
  actorRole: string | null;
  targetId: number | null;
  targetSlug: string | null;
  actionId: string | null;
  remediationId: number | null;
  incidentId: number | null;
  parameters: unknown;
  error: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  breakGlass: boolean;
  data: unknown;
  prevHash: string;
};

/** An audit row as Prisma reads it back: the hashed columns, with the id and time in their stored types. */
export type StoredAuditRow = Omit<HashedAuditRow, "id" | "at"> & { id: bigint; at: Date; hash: string; hashAlg: string };

/**
 * How a row's hash is made. `hmac-sha256` needs HEADROOM_AUDIT_KEY, which the database does not
 * hold: whoever can rewrite rows cannot recompute their hashes. `sha256` is what rows written
 * before the key existed carry; nothing writes it any more.
 */
export type HashAlg = "sha256" | "hmac-sha256";

/**
 * The one mapping of a stored row to the hash's input, used by the verifier and the list. Named
 * one by one: a column added later must not change the hash of rows written before it.
 */
export function hashedContentOf(row: StoredAuditRow): HashedAuditRow {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    type: row.type,
    outcome: row.outcome,
    actorKind: row.actorKind,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    actorRole: row.actorRole,
    targetId: row.targetId,
    targetSlug: row.targetSlug,
    actionId: row.actionId,
    remediationId: row.remediationId,
    incidentId: row.incidentId,
    parameters: row.parameters,
    error: row.error,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    breakGlass: row.breakGlass,
    data: row.data,
    prevHash: row.prevHash,
  };
}

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The one definition of a row hash: over the row's canonical content, which includes the
 * previous row's hash; HMAC-SHA-256 with the audit key, or plain SHA-256 for rows from before it.
 */
export function hashAuditRow(row: HashedAuditRow, keyed?: { alg: HashAlg; key: string | null }): string {
  if (keyed?.alg === "hmac-sha256") {
    if (!keyed.key) throw new Error("an HMAC-SHA-256 audit hash needs the audit key");
    return createHmac("sha256", keyed.key).update(canonicalJson(row)).digest("hex");
  }
  return createHash("sha256").update(canonicalJson(row)).digest("hex");
}
