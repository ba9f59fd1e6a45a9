import "server-only";
import type { Redis } from "ioredis";
import { RedisError } from "@/lib/redis/redis-error";
import { withRedis } from "@/lib/redis/with-redis";
import { DriverError } from "@/lib/remediation/drivers/driver-error";

export type RedisCleanup = {
  pattern: string;
  scanned: number;
  deleted: number;
  batches: number;
  usedBeforeMb: number | null;
  usedAfterMb: number | null;
};

type Progress = { scanned: number; deleted: number; batches: number };

/**
 * The runbook's "Clean expired keys" without its blocking `KEYS`: a SCAN stream over the key
 * space (MATCH `pattern`, COUNT `batchSize`) whose keys are UNLINKed `batchSize` at a time
 * (memory is reclaimed in the background), so Redis keeps serving other clients between batches.
 */
export async function cleanRedisKeys(options: { url: string; pattern: string; batchSize: number; timeoutMs: number }): Promise<RedisCleanup> {
  const progress: Progress = { scanned: 0, deleted: 0, batches: 0 };
  try {
    return await withRedis({
      url: options.url,
      timeoutMs: options.timeoutMs,
      run: async (redis) => {
        const usedBeforeMb = await usedMemoryMb(redis);
        let pending: Buffer[] = [];
        const unlink = async (keys: Buffer[]) => {
          progress.deleted += await redis.unlink(...keys);
          progress.batches += 1;
        };
        // Buffers, not strings: a binary key name is unlinked exactly as stored.
        for await (const keys of redis.scanBufferStream({ match: options.pattern, count: options.batchSize })) {
          progress.scanned += (keys as Buffer[]).length;
          pending.push(...(keys as Buffer[]));
          while (pending.length >= options.batchSize) {
            await unlink(pending.slice(0, options.batchSize));
            pending = pending.slice(options.batchSize);
          }
        }
        if (pending.length > 0) await unlink(pending);
        return { pattern: options.pattern, ...progress, usedBeforeMb, usedAfterMb: await usedMemoryMb(redis) };
      },
    });
  } catch (error) {
    throw toDriverError(error, progress);
  }
}

async function usedMemoryMb(redis: Redis): Promise<number | null> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info("memory"));
  return match ? Number(match[1]) / 1024 / 1024 : null;
}

function toDriverError(error: unknown, progress: Progress): DriverError {
  if (!(error instanceof RedisError)) return new DriverError("redis_error", `Redis cleanup failed: ${(error as Error).message}`, { cause: error });
  // A cleanup that stopped halfway says how far it got, so nobody assumes nothing was deleted.
  const partial = progress.batches > 0 ? ` (${progress.deleted.toLocaleString("en-US")} keys were unlinked in ${progress.batches} batches before that)` : "";
  const kind = error.kind === "timeout" || error.kind === "refused" ? error.kind : error.kind === "config" ? "not_configured" : "redis_error";
  return new DriverError(kind, `${error.message}${partial}`, { cause: error });
}
