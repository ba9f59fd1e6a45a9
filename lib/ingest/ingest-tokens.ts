import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const PREFIX = "hr_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a push token for a target. The token is returned once; only its hash is stored. */
export async function createIngestToken(options: { targetId: number; name: string; createdById: number | null }) {
  const token = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db.ingestToken.create({
    data: {
      targetId: options.targetId,
      name: options.name,
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, PREFIX.length + 6),
      createdById: options.createdById,
    },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true },
  });
  return { ...row, token };
}

export async function revokeIngestToken(options: { id: number; targetId: number }): Promise<void> {
  const result = await db.ingestToken.updateMany({
    where: { id: options.id, targetId: options.targetId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", `No active token ${options.id} for this target.`);
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
 * The target a bearer token may push to, or null for a missing, unknown or revoked token.
 * One statement: the lookup, and a `last_used_at` write at most once a minute per token.
 */
export async function authenticateIngestToken(authorization: string | null): Promise<{ tokenId: number; targetId: number } | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(PREFIX)) return null;
  const rows = await db.$queryRaw<{ tokenId: number; targetId: number }[]>`
    WITH token AS (
      SELECT id, target_id, last_used_at FROM ingest_tokens
      WHERE token_hash = ${hashToken(match[1])} AND revoked_at IS NULL
    ), touched AS (
      UPDATE ingest_tokens SET last_used_at = now()
      WHERE id IN (SELECT id FROM token WHERE last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS}))
      RETURNING id
    )
    SELECT id AS "tokenId", target_id AS "targetId" FROM token`;
  return rows[0] ?? null;
}
