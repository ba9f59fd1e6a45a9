import "server-only";
import { isIP } from "node:net";
import { Redis } from "ioredis";
import { z } from "zod";
import { RedisError, toRedisError } from "@/lib/redis/redis-error";

export const redisUrlSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a redis:// or rediss:// URL" });
      return z.NEVER;
    }
    if ((url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) {
      ctx.addIssue({ code: "custom", message: "must be a redis:// or rediss:// URL with a host" });
      return z.NEVER;
    }
    const db = url.pathname.replace(/^\//, "");
    if (db !== "" && !/^\d+$/.test(db)) {
      ctx.addIssue({ code: "custom", message: `database "${db}" must be a number (redis://host:6379/0)` });
      return z.NEVER;
    }
    return {
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      db: Number(db || 0),
      tls: url.protocol === "rediss:",
    };
  });

export type RedisConnection = Redis;

const isClosed = (error: unknown) => error instanceof Error && error.message === "Connection is closed.";

/**
 * Connects to `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS, verified against
 * the system CAs plus NODE_EXTRA_CA_CERTS), runs `run`, and always closes the connection.
 * Every failure, connecting or later, is a RedisError naming host:port.
 */
export async function withRedis<T>(options: { url: string; timeoutMs: number; run: (redis: RedisConnection) => Promise<T> }): Promise<T> {
  const parsed = redisUrlSchema.safeParse(options.url);
  if (!parsed.success) throw new RedisError("config", `The Redis URL ${parsed.error.issues[0].message}.`);
  const { host, port, username, password, db, tls } = parsed.data;
  const context = { endpoint: `${host}:${port}`, timeoutMs: options.timeoutMs };
  const redis = new Redis({
    host,
    port,
    username,
    password,
    db,
    // The URL is parsed here, not by ioredis, so its query string cannot override the options below.
    tls: tls ? { servername: isIP(host) ? undefined : host } : undefined,
    lazyConnect: true,
    connectTimeout: options.timeoutMs,
    commandTimeout: options.timeoutMs,
    // A server that stopped answering never closes its side: drop the socket soon after giving up.
    disconnectTimeout: 100,
    // A cleanup on a production Redis must fail clearly instead of hanging or retrying: no
    // reconnects, no commands queued while disconnected, none resent after a drop.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    // RESP2 without a ready check: every Redis and proxy speaks it, and an ACL user needs no
    // permission beyond the commands we send.
    protocol: 2,
    enableReadyCheck: false,
    disableClientInfo: true,
  });
  // A failed connect() rejects with a bare "Connection is closed."; the cause (ECONNREFUSED,
  // ETIMEDOUT, a TLS error) arrives as an "error" event, which also keeps ioredis from logging it.
  let socketError: unknown = null;
  redis.on("error", (error) => {
    socketError ??= error;
  });
  try {
    await redis.connect();
    const result = await options.run(redis);
    await redis.quit();
    return result;
  } catch (error) {
    // Not quit(): on a dead connection it would wait another timeout for its reply.
    redis.disconnect();
    throw toRedisError(isClosed(error) && socketError ? socketError : error, context);
  }
}
