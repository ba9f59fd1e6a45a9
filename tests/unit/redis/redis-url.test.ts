import { describe, expect, it } from "vitest";
import { parseRedisUrl, redisUrlSchema } from "@/lib/redis/redis-url";

describe("Redis URLs", () => {
  it("reads the ACL user, a percent-encoded password, the database and TLS", () => {
    expect(parseRedisUrl("rediss://cleaner:p%40ss%2Fword@cache.internal:6380/3")).toEqual({
      ok: true,
      endpoint: { host: "cache.internal", port: 6380, username: "cleaner", password: "p@ss/word", db: 3, tls: true },
    });
    expect(parseRedisUrl("redis://:secret@[::1]")).toEqual({ ok: true, endpoint: { host: "::1", port: 6379, username: undefined, password: "secret", db: 0, tls: false } });
  });

  it("names what is wrong", () => {
    expect(parseRedisUrl("http://cache:6379")).toEqual({ ok: false, error: "must be a redis:// or rediss:// URL with a host" });
    expect(parseRedisUrl("cache:6379")).toMatchObject({ ok: false });
    expect(parseRedisUrl("redis://cache:6379/sessions")).toEqual({ ok: false, error: 'database "sessions" must be a number (redis://host:6379/0)' });
    expect(redisUrlSchema.safeParse("redis://cache/x").error?.issues[0].message).toMatch(/database "x"/);
    expect(redisUrlSchema.parse("redis://cache:6379/0")).toBe("redis://cache:6379/0");
  });
});
