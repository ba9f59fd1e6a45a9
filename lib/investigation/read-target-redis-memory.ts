import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readRedisMemory, type RedisMemory } from "@/lib/investigation/read-redis-memory";

export type TargetRedisMemory = { configured: false } | ({ configured: true } & RedisMemory);

/** The runbook's Redis memory check on the Redis a target's remediation settings name, if any. */
export async function readTargetRedisMemory(options: { slug: string }): Promise<TargetRedisMemory> {
  const target = await db.target.findUnique({ where: { slug: options.slug }, select: { remediationSettings: { select: { redisUrl: true } } } });
  if (!target) throw new AppError("NOT_FOUND", `No target "${options.slug}".`);
  const url = target.remediationSettings?.redisUrl;
  if (!url) return { configured: false };
  return { configured: true, ...(await readRedisMemory({ url })) };
}
