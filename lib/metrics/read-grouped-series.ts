import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { chooseSource } from "@/lib/metrics/choose-source";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { groupPoints } from "@/lib/metrics/group-points";

type KeyColumn = "labels" | "target_id";

/**
 * Several series of stored points over a range in one query, grouped by one column. Raw samples
 * for short ranges, rollup peaks for long ones (as the memory chart does): the one place that
 * choice and the two tables' column names meet, for every "many series at once" read.
 * `filter` is the caller's extra WHERE condition (a Prisma.sql fragment, so values stay bound).
 */
export async function readGroupedSeries<K>(options: {
  keyColumn: KeyColumn;
  filter: Prisma.Sql;
  from: Date;
  to: Date;
  now?: Date;
}): Promise<Map<K, MemoryPoint[]>> {
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  // The key column comes from a closed union, never from input, so raw is safe here.
  const key = Prisma.raw(options.keyColumn);
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ key: K; t: number; valueMb: number }[]>`
          SELECT ${key} AS key, (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb"
          FROM metrics
          WHERE ${options.filter} AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          ORDER BY ${key}, "timestamp"`
      : await db.$queryRaw<{ key: K; t: number; valueMb: number }[]>`
          SELECT ${key} AS key, (extract(epoch FROM bucket) * 1000)::float8 AS t, max_mb AS "valueMb"
          FROM metric_rollups_5m
          WHERE ${options.filter} AND bucket >= ${options.from} AND bucket <= ${options.to}
          ORDER BY ${key}, bucket`;
  return groupPoints(rows);
}
