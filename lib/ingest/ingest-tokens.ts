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

/** The target a bearer token may push to, or null for a missing, unknown or revoked token. */
export async function authenticateIngestToken(authorization: string | null): Promise<{ tokenId: number; targetId: number } | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(PREFIX)) return null;
  const row = await db.ingestToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: { id: true, targetId: true, revokedAt: true },
  });
  if (!row || row.revokedAt) return null;
  await db.ingestToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { tokenId: row.id, targetId: row.targetId };
}
