import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";

/** Recomputes the 5-minute rollups of every bucket overlapping [from, to) from the raw samples. */
export async function refreshRollups(options: { from: Date; to: Date; targetId?: number; db?: Db }): Promise<number> {
  const db = options.db ?? defaultDb;
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT headroom_refresh_rollups(${options.from}::timestamptz, ${options.to}::timestamptz, ${options.targetId ?? null}::int) AS n`;
  return rows[0]?.n ?? 0;
}
