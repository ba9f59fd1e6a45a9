import "server-only";
import type { Redis } from "ioredis";
import { withRedis } from "@/lib/redis/with-redis";
import { describeError } from "@/lib/errors";

export type RedisKeyPattern = { pattern: string; keys: number; bytes: number };
export type RedisMemory =
  | {
      ok: true;
      checkedAt: string;
      usedMemoryBytes: number;
      usedMemoryHuman: string;
      maxMemoryBytes: number;
      fragmentationRatio: number | null;
      totalKeys: number;
      keysSampled: number;
      biggestKeys: { key: string; bytes: number }[];
      patterns: RedisKeyPattern[];
    }
  | { ok: false; checkedAt: string; error: string };

const SCAN_COUNT = 250;

export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) fields[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return fields;
}

/** `exp:session:42` → `exp:*`: the prefix before the first separator, as redis-cli --bigkeys users read it. */
export function keyPattern(key: string): string {
  const match = /^([^:._-]+)[:._-]/.exec(key);
  return match ? `${match[1]}${key[match[1].length]}*` : key;
}

async function sampleKeys(redis: Redis, limit: number): Promise<Buffer[]> {
  const keys: Buffer[] = [];
  // SCAN, never KEYS: it does not block the server however many keys there are.
  for await (const batch of redis.scanBufferStream({ count: SCAN_COUNT })) {
    keys.push(...(batch as Buffer[]));
    if (keys.length >= limit) break;
  }
  return keys.slice(0, limit);
}

async function memoryUsage(redis: Redis, keys: Buffer[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const replies = (await redis.pipeline(keys.map((key) => ["memory", "usage", key])).exec()) ?? [];
  return replies.map(([error, bytes]) => {
    if (error) throw error;
    // null: the key expired between SCAN and MEMORY USAGE.
    return Number(bytes ?? 0);
  });
}

/**
 * The runbook's Redis checks without its blocking commands: `INFO memory` for the totals and a
 * SCAN sample of at most `sampleLimit` keys sized with `MEMORY USAGE`, for the biggest keys and
 * the key patterns that hold the memory.
 */
export async function readRedisMemory(options: { url: string; timeoutMs?: number; sampleLimit?: number }): Promise<RedisMemory> {
  const checkedAt = new Date().toISOString();
  try {
    return await withRedis({
      url: options.url,
      timeoutMs: options.timeoutMs ?? 3_000,
      run: async (redis): Promise<RedisMemory> => {
        const info = parseInfo(await redis.info("memory"));
        const totalKeys = await redis.dbsize();
        const keys = await sampleKeys(redis, options.sampleLimit ?? 2_000);
        const sizes = await memoryUsage(redis, keys);
        const sized = keys.map((key, i) => ({ key: key.toString("utf8"), bytes: sizes[i] })).sort((a, b) => b.bytes - a.bytes);
        const patterns = new Map<string, RedisKeyPattern>();
        for (const { key, bytes } of sized) {
          const pattern = keyPattern(key);
          const entry = patterns.get(pattern) ?? { pattern, keys: 0, bytes: 0 };
          entry.keys += 1;
          entry.bytes += bytes;
          patterns.set(pattern, entry);
        }
        return {
          ok: true,
          checkedAt,
          usedMemoryBytes: Number(info.used_memory ?? 0),
          usedMemoryHuman: info.used_memory_human ?? "?",
          maxMemoryBytes: Number(info.maxmemory ?? 0),
          fragmentationRatio: info.mem_fragmentation_ratio ? Number(info.mem_fragmentation_ratio) : null,
          totalKeys,
          keysSampled: keys.length,
          biggestKeys: sized.slice(0, 10),
          patterns: [...patterns.values()].sort((a, b) => b.bytes - a.bytes).slice(0, 10),
        };
      },
    });
  } catch (error) {
    return { ok: false, checkedAt, error: describeError(error) };
  }
}
