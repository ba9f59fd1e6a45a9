import "server-only";
import type { RequestMeta } from "@/lib/audit/request-meta";
import { AppError } from "@/lib/errors";
import { errorAnswer, toResponse, type JsonAnswer } from "@/lib/http/json-error";
import { authenticateIngestToken, TOKEN_CACHE_MS } from "@/lib/ingest/ingest-tokens";
import { recordFailedAttempt } from "@/lib/limits/failed-attempt-windows";
import { addressKey, countBadIngestToken, ingestLockedFor } from "@/lib/limits/ingest-limits";
import { createTtlCache } from "@/lib/ttl-cache";

export type IngestAuthorization =
  | { ok: true; tokenId: number; targetId: number }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

/**
 * Addresses found unlocked, taken as such by series reads (which trust cached tokens) for the
 * token cache's bound: a lock set by this process shows at once, one set by another replica
 * within TOKEN_CACHE_MS. It spares each machine read the lock's round trip; pushes always ask.
 */
const unlockedAddresses = createTtlCache<string, true>({ ttlMs: TOKEN_CACHE_MS });

async function lockedFor(ip: string | null, trustCached: boolean): Promise<number> {
  const key = addressKey(ip);
  if (trustCached && unlockedAddresses.get(key)) return 0;
  const locked = await ingestLockedFor(ip);
  if (locked === 0) unlockedAddresses.set(key, true);
  return locked;
}

/**
 * A push or series read with a bearer token, behind the per-address limit for bad tokens
 * (lib/limits/ingest-limits.ts). Refusals are audited, summarised per address and window.
 */
export async function authorizeIngestRequest(options: { authorization: string | null; meta: RequestMeta; trustCachedToken?: boolean }): Promise<IngestAuthorization> {
  const trustCached = options.trustCachedToken ?? false;
  const locked = await lockedFor(options.meta.ip, trustCached);
  const presented = /^Bearer\s+(\S{1,9})/i.exec(options.authorization ?? "")?.[1] ?? null;
  const record = (reason: string, outcome: "locked" | "unauthenticated") =>
    recordFailedAttempt({ kind: "ingest-token", subject: "", meta: options.meta, reason, outcome, data: { tokenPrefix: presented } });
  if (locked > 0) {
    await record(`refused unchecked: the address is locked for ${locked} s after repeated bad tokens`, "locked");
    return { ok: false, status: 429, retryAfterSeconds: locked, message: `Too many requests with bad tokens from this address: try again in ${locked} s.` };
  }
  const token = await authenticateIngestToken(options.authorization, { trustCached });
  if (token) return { ok: true, ...token };
  const lockedNow = await countBadIngestToken(options.meta.ip);
  if (lockedNow > 0) unlockedAddresses.delete(addressKey(options.meta.ip));
  await record(`missing, unknown or revoked token${lockedNow ? `; address now locked for ${lockedNow} s` : ""}`, "unauthenticated");
  return { ok: false, status: 401, message: "Send a valid ingest token: Authorization: Bearer hr_..." };
}

/** The refusal as the API answers it: 401, or 429 with Retry-After. */
export function ingestRefusalAnswer(refusal: Extract<IngestAuthorization, { ok: false }>): JsonAnswer {
  const answer = errorAnswer(new AppError(refusal.status === 429 ? "RATE_LIMITED" : "UNAUTHENTICATED", refusal.message));
  if (refusal.retryAfterSeconds) answer.headers["Retry-After"] = String(refusal.retryAfterSeconds);
  return answer;
}

export const ingestRefusal = (refusal: Extract<IngestAuthorization, { ok: false }>): Response => toResponse(ingestRefusalAnswer(refusal));
