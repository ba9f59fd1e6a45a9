import { profile, scenarioProfile } from "./profile";
import { scenarioActive } from "./traffic";
import type { ModelState, TickContext } from "./types";

const cache = profile.cache;
const redis = profile.redis;

/**
 * An LRU cache with lazy expiry: entries that expire stay resident until the cache is full (then
 * they are evicted first) or until someone runs the cleanup.
 */
export function tickCache({ instance, load, dtMin, rng }: TickContext): void {
  const store = instance.cache;
  store.liveMb += Math.max(0, cache.insertMbPerMin * load * dtMin * (1 + rng.normal(0, 0.1)));
  const expiring = (store.liveMb * dtMin) / cache.ttlMin;
  store.liveMb -= expiring;
  store.expiredMb += expiring;
  let over = store.liveMb + store.expiredMb - cache.capMb;
  if (over <= 0) return;
  const fromExpired = Math.min(over, store.expiredMb);
  store.expiredMb -= fromExpired;
  over -= fromExpired;
  store.liveMb -= over;
}

/** Redis keeps sessions and `exp:*` keys with a TTL; in the bloat scenario a writer forgets the TTL. */
export function tickRedis(state: ModelState, load: number, dtMin: number, t: number): void {
  const store = state.redis;
  store.sessionsMb += (redis.sessionsPerLoad * load - store.sessionsMb) * Math.min(1, dtMin / 10);
  store.expiringMb += redis.expWriteMbPerMin * load * dtMin - (store.expiringMb * dtMin) / redis.expTtlMin;
  if (scenarioActive(state, "redis-bloat", t)) {
    store.untrackedMb += scenarioProfile["redis-bloat"].untrackedWriteMbPerMin * load * dtMin;
  }
}

export const cacheEntries = (mb: number): number => Math.round((mb * 1024) / cache.entryKb);
export const redisKeys = (mb: number): number => Math.round((mb * 1024) / redis.keyKb);
