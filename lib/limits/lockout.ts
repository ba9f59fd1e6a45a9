import "server-only";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { postgresLimiter } from "./postgres-limiter";

/**
 * Failures of one kind counted per key (an account, an address): the first `freeFailures`
 * in `windowSeconds` cost nothing, each one after that locks the key for twice as long as the
 * one before, from `firstLockSeconds` up to `maxLockSeconds`.
 */
export type LockoutPolicy = { name: string; freeFailures: number; windowSeconds: number; firstLockSeconds: number; maxLockSeconds: number };

export type Lockout = {
  /** Seconds the key stays locked, 0 when it is not. */
  lockedFor(key: string): Promise<number>;
  /** Counts a failure; returns the lock it caused (seconds, 0 for none). */
  fail(key: string): Promise<number>;
  /** Forgets the key's failures (a success). */
  forget(key: string): Promise<void>;
};

/** The lock after the n-th failure in the window. */
export function lockSecondsAfter(policy: LockoutPolicy, failures: number): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.firstLockSeconds * 2 ** Math.min(over - 1, 30), policy.maxLockSeconds);
}

export function lockout(policy: LockoutPolicy): Lockout {
  // The counter and the lock are separate keys: blocking a key in the library resets its count.
  const failures: RateLimiterPostgres = postgresLimiter({ keyPrefix: `${policy.name}:failures`, points: policy.freeFailures, durationSeconds: policy.windowSeconds });
  const locks: RateLimiterPostgres = postgresLimiter({ keyPrefix: `${policy.name}:lock`, points: 0, durationSeconds: policy.maxLockSeconds });
  return {
    async lockedFor(key) {
      const lock = await locks.get(key);
      return lock && lock.consumedPoints > 0 && lock.msBeforeNext > 0 ? Math.ceil(lock.msBeforeNext / 1000) : 0;
    },
    async fail(key) {
      const counted = await failures.penalty(key, 1);
      const seconds = lockSecondsAfter(policy, counted.consumedPoints);
      if (seconds > 0) await locks.block(key, seconds);
      return seconds;
    },
    async forget(key) {
      await Promise.all([failures.delete(key), locks.delete(key)]);
    },
  };
}
