/**
 * A small in-process cache whose entries expire `ttlMs` after they were stored: what it
 * returns is at most that old. Bounded: past `maxEntries` it starts again empty.
 */
export function createTtlCache<K, V>(options: { ttlMs: number; maxEntries?: number; now?: () => number }) {
  const entries = new Map<K, { value: V; until: number }>();
  const now = options.now ?? Date.now;
  return {
    get(key: K): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key: K, value: V): void {
      if (entries.size >= (options.maxEntries ?? 10_000)) entries.clear();
      entries.set(key, { value, until: now() + options.ttlMs });
    },
    delete: (key: K) => void entries.delete(key),
    clear: () => entries.clear(),
  };
}
