import type { MemoryPoint } from "@/lib/metrics/memory-point";

/**
 * Series reads return their points as one bytea of packed big-endian float8 pairs (t in epoch
 * ms, MB; 16 bytes per point), built in SQL by `string_agg(float8send(t) || float8send(mb), ''
 * ORDER BY time)`, rather than one protocol row per point: PostgreSQL reads a day of raw samples
 * in about 2 ms, and parsing 5,760 rows took the client several times that.
 */
export function unpackPoints(packed: Uint8Array | null): MemoryPoint[] {
  if (!packed) return [];
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const points: MemoryPoint[] = new Array(packed.byteLength / 16);
  for (let i = 0; i < points.length; i++) points[i] = { t: view.getFloat64(i * 16), valueMb: view.getFloat64(i * 16 + 8) };
  return points;
}
