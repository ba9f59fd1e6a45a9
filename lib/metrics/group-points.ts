import type { MemoryPoint } from "@/lib/metrics/memory-point";

/** Rows of several series (already in time order within each key) as one point list per key. */
export function groupPoints<K>(rows: readonly { key: K; t: number; valueMb: number }[]): Map<K, MemoryPoint[]> {
  const map = new Map<K, MemoryPoint[]>();
  for (const row of rows) {
    let series = map.get(row.key);
    if (!series) map.set(row.key, (series = []));
    series.push({ t: row.t, valueMb: row.valueMb });
  }
  return map;
}
