import "server-only";
import { connectRedis, RedisConnectionError, RedisReplyError, type RedisConnection, type RespValue } from "@/lib/redis/resp-connection";
import { DriverError } from "@/lib/remediation/drivers/driver-error";

export type RedisCleanup = {
  pattern: string;
  scanned: number;
  deleted: number;
  batches: number;
  usedBeforeMb: number | null;
  usedAfterMb: number | null;
};

/**
 * The runbook's "Clean expired keys" without its blocking `KEYS`: SCAN the key space in
 * batches of `batchSize` and UNLINK each batch (memory is reclaimed in the background), so
 * Redis keeps serving other clients between batches.
 */
export async function cleanRedisKeys(options: {
  url: string;
  pattern: string;
  batchSize: number;
  timeoutMs: number;
  onBatch?: (progress: { batches: number; deleted: number }) => void;
}): Promise<RedisCleanup> {
  let connection: RedisConnection;
  try {
    connection = await connectRedis(options.url, { timeoutMs: options.timeoutMs });
  } catch (error) {
    throw translate(error);
  }
  try {
    const usedBeforeMb = await usedMemoryMb(connection);
    let cursor = "0";
    let scanned = 0;
    let deleted = 0;
    let batches = 0;
    do {
      const reply = expectArray(await connection.command(["SCAN", cursor, "MATCH", options.pattern, "COUNT", options.batchSize]));
      cursor = String(reply[0]);
      const keys = expectArray(reply[1]) as Buffer[];
      scanned += keys.length;
      if (keys.length > 0) {
        deleted += Number(expectValue(await connection.command(["UNLINK", ...keys])));
        batches += 1;
        options.onBatch?.({ batches, deleted });
      }
    } while (cursor !== "0");
    return { pattern: options.pattern, scanned, deleted, batches, usedBeforeMb, usedAfterMb: await usedMemoryMb(connection) };
  } catch (error) {
    throw translate(error);
  } finally {
    await connection.close();
  }
}

async function usedMemoryMb(connection: RedisConnection): Promise<number | null> {
  const info = expectValue(await connection.command(["INFO", "memory"]));
  const match = /^used_memory:(\d+)/m.exec(String(info));
  return match ? Number(match[1]) / 1024 / 1024 : null;
}

function expectValue(reply: RespValue): RespValue {
  if (reply instanceof RedisReplyError) throw reply;
  return reply;
}

function expectArray(reply: RespValue): RespValue[] {
  const value = expectValue(reply);
  if (!Array.isArray(value)) throw new RedisConnectionError("Redis answered SCAN with something other than a list", "protocol");
  return value;
}

function translate(error: unknown): DriverError {
  if (error instanceof DriverError) return error;
  if (error instanceof RedisConnectionError) {
    return new DriverError(error.kind === "timeout" ? "timeout" : error.kind === "refused" ? "refused" : "redis_error", error.message, { cause: error });
  }
  if (error instanceof RedisReplyError) return new DriverError("redis_error", `Redis refused the command: ${error.message}`, { cause: error });
  return new DriverError("redis_error", `Redis cleanup failed: ${(error as Error).message}`, { cause: error });
}
