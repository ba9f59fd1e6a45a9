import "server-only";
import { isIP } from "node:net";
import { Redis } from "ioredis";
import { RedisError, toRedisError } from "@/lib/redis/redis-error";
import { parseRedisUrl } from "@/lib/redis/redis-url";

const isClosed = (error: unknown) => error instanceof Error && error.message === "Connection is closed.";

/**
 * Connects to `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS, verified against
 * the system CAs plus NODE_EXTRA_CA_CERTS), runs `run`, and always closes the connection.
 * Every failure, connecting or later, is a RedisError naming host:port.
 */
export async function withRedis<T>(options: { url: string; timeoutMs: number; run: (redis: Redis) => Promise<T> }): Promise<T> {
  const parsed = parseRedisUrl(options.url);
  if (!parsed.ok) throw new RedisError("config", `The Redis URL ${parsed.error}.`);
  const { host, port, username, password, db, tls } = parsed.endpoint;
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
    // The work is done: a QUIT that goes unanswered must not turn it into a failure.
    await redis.quit().catch(() => redis.disconnect());
    return result;
  } catch (error) {
    // Not quit(): on a dead connection it would wait another timeout for its reply.
    redis.disconnect();
    throw toRedisError(isClosed(error) && socketError ? socketError : error, context);
  }
}
