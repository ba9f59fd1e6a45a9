export type ComputeBackoffOptions = {
  /** Attempts made so far, including the one that just failed (1 after the first failure). */
  attempts: number;
  baseMs: number;
  maxMs?: number;
  /** The receiver's Retry-After, when it sent one; honoured up to `maxMs`. */
  retryAfterMs?: number | null;
};

/** Exponential backoff without jitter (deterministic, so tests and the page agree): base, 2×, 4×, … capped. */
export function computeBackoff({ attempts, baseMs, maxMs = 15 * 60_000, retryAfterMs }: ComputeBackoffOptions): number {
  const exponential = baseMs * 2 ** Math.max(0, attempts - 1);
  return Math.min(maxMs, Math.max(exponential, retryAfterMs ?? 0));
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
