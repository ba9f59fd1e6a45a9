import { z } from "zod";

export type RedisEndpoint = { host: string; port: number; username?: string; password?: string; db: number; tls: boolean };

/** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS; nothing else is accepted. */
export function parseRedisUrl(value: string): { ok: true; endpoint: RedisEndpoint } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, error: "must be a redis:// or rediss:// URL" };
  }
  if ((url.protocol !== "redis:" && url.protocol !== "rediss:") || !url.hostname) return { ok: false, error: "must be a redis:// or rediss:// URL with a host" };
  const db = url.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) return { ok: false, error: `database "${db}" must be a number (redis://host:6379/0)` };
  return {
    ok: true,
    endpoint: {
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      db: Number(db || 0),
      tls: url.protocol === "rediss:",
    },
  };
}

/** The stored form: the URL as typed, checked the same way the connection parses it. */
export const redisUrlSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseRedisUrl(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
});
