import { describe, expect, it } from "vitest";
import { createTtlCache } from "@/lib/ttl-cache";

describe("createTtlCache", () => {
  it("returns an entry until its time is up, never after", () => {
    let now = 1_000;
    const cache = createTtlCache<string, number>({ ttlMs: 5_000, now: () => now });
    cache.set("a", 1);
    now += 4_999;
    expect(cache.get("a")).toBe(1);
    now += 1;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("never")).toBeUndefined();
  });

  it("starts again empty past its bound, and forgets everything on clear", () => {
    const cache = createTtlCache<number, number>({ ttlMs: 60_000, maxEntries: 3 });
    for (const k of [1, 2, 3]) cache.set(k, k);
    expect(cache.get(3)).toBe(3);
    cache.set(4, 4);
    expect([cache.get(1), cache.get(4)]).toEqual([undefined, 4]);
    cache.clear();
    expect(cache.get(4)).toBeUndefined();
  });
});
