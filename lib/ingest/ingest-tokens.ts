import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { createTtlCache } from "@/lib/ttl-cache";

const PREFIX = "hr_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

type TokenAdmin = { id: number; email: string; role: string };

/**
 * Creates a push token for a target. The token is returned once; only its hash is stored, and
 * the `token.created` audit row (same transaction) names it by id, name and visible prefix.
 */
export async function createIngestToken(options: { targetId: number; name: string; actor: TokenAdmin; meta?: RequestMeta | null }) {
  const token = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const target = await tx.target.findUnique({ where: { id: options.targetId }, select: { id: true, slug: true } });
    if (!target) throw new AppError("NOT_FOUND", "No such target.");
    const created = await tx.ingestToken.create({
      data: {
        targetId: options.targetId,
        name: options.name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, PREFIX.length + 6),
        createdById: options.actor.id,
      },
      select: { id: true, name: true, tokenPrefix: true, createdAt: true },
    });
    await appendAuditEvent(
      tx,
      { type: "token.created", outcome: "ok", actor: auditActorOf(options.actor), target, data: { tokenId: created.id, name: created.name, tokenPrefix: created.tokenPrefix } },
      { meta: options.meta },
    );
    return created;
  }, AUDIT_TX_OPTIONS);
  return { ...row, token };
}

/** Revokes a target's token; pushes with it are refused from then on. Audited as `token.revoked` in the same transaction. */
export async function revokeIngestToken(options: { id: number; targetId: number; actor: TokenAdmin; meta?: RequestMeta | null }): Promise<void> {
  await db.$transaction(async (tx) => {
    const revoked = await tx.ingestToken.updateManyAndReturn({
      where: { id: options.id, targetId: options.targetId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, tokenPrefix: true, target: { select: { id: true, slug: true } } },
    });
    if (revoked.length === 0) throw new AppError("NOT_FOUND", `No active token ${options.id} for this target.`);
    goodTokens.clear();
    const { target, ...token } = revoked[0];
    await appendAuditEvent(
      tx,
      { type: "token.revoked", outcome: "ok", actor: auditActorOf(options.actor), target, data: { tokenId: token.id, name: token.name, tokenPrefix: token.tokenPrefix } },
      { meta: options.meta },
    );
  }, AUDIT_TX_OPTIONS);
}

export function listIngestTokens(options: { targetId: number }) {
  return db.ingestToken.findMany({
    where: { targetId: options.targetId },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

// "Last used" is shown to the minute; writing it on every request cost every read of the series
// API a committed write (a WAL flush) and a second round trip.
const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * How long a good token is taken on trust by series reads without asking the database again: a
 * revocation stops reads within this bound (pushes at once: they never trust the cache). It
 * spares each machine read a round trip; bad tokens are never cached.
 */
export const TOKEN_CACHE_MS = 5_000;
const goodTokens = createTtlCache<string, { tokenId: number; targetId: number }>({ ttlMs: TOKEN_CACHE_MS });

/**
 * The target a bearer token may push to, or null for a missing, unknown or revoked token.
 * One statement: the lookup, and a `last_used_at` write at most once a minute per token.
 * `trustCached`: a read may take a token found good in the last TOKEN_CACHE_MS on trust; a
 * write (ingest, remote_write) always asks the database, so a revoked token pushes nothing.
 */
export async function authenticateIngestToken(authorization: string | null, options: { trustCached?: boolean } = {}): Promise<{ tokenId: number; targetId: number } | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(PREFIX)) return null;
  const hash = hashToken(match[1]);
  const cached = options.trustCached ? goodTokens.get(hash) : undefined;
  if (cached) return cached;
  const rows = await db.$queryRaw<{ tokenId: number; targetId: number }[]>`
    WITH token AS (
      SELECT id, target_id, last_used_at FROM ingest_tokens
      WHERE token_hash = ${hash} AND revoked_at IS NULL
    ), touched AS (
      UPDATE ingest_tokens SET last_used_at = now()
      WHERE id IN (SELECT id FROM token WHERE last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))
      RETURNING id
    )
    SELECT id AS "tokenId", target_id AS "targetId" FROM token`;
  if (rows[0]) goodTokens.set(hash, rows[0]);
  return rows[0] ?? null;
}
