import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { appendAuditEvent, AUDIT_TX_OPTIONS } from "@/lib/audit/append-audit-event";
import { auditActorOf } from "@/lib/audit/audit-actor";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";

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
