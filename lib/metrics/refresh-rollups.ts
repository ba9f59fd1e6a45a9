import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";

/**
 * How far back the minute's maintenance recomputes rollups (so that late samples are counted):
 * rollup buckets older than this are final, and a chart reads raw samples for the newer part.
 */
export const ROLLUP_REDO_WINDOW_MS = 15 * 60_000;

/**
 * Recomputes the 5-minute rollups of every bucket overlapping [from, to) from the raw samples,
 * and the minute maxima of total memory (memory_rollups_1m) with them. Returns how many
 * 5-minute rollups were written.
 */
export async function refreshRollups(options: { from: Date; to: Date; targetId?: number; db?: Db }): Promise<number> {
  const db = options.db ?? defaultDb;
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT headroom_refresh_rollups(${options.from}::timestamptz, ${options.to}::timestamptz, ${options.targetId ?? null}::int) AS n,
           headroom_refresh_memory_rollups_1m(${options.from}::timestamptz, ${options.to}::timestamptz, ${options.targetId ?? null}::int) AS minutes`;
  return rows[0]?.n ?? 0;
}
