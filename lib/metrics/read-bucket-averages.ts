import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/choose-source";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { groupPoints } from "@/lib/metrics/group-points";

/**
 * Every series of one metric for one target, averaged in SQL into about `buckets` time buckets
 * aligned on `from` (at least 15 s wide), keyed by label set: the series share their bucket
 * times, so stacked layers line up, and a 30-day range costs one small result set.
 */
export async function readBucketAverages(options: {
  targetId: number;
  metricName: string;
  from: Date;
  to: Date;
  buckets: number;
  now?: Date;
}): Promise<Map<string, MemoryPoint[]>> {
  const stepMs = 1000 * Math.max(15, Math.ceil((options.to.getTime() - options.from.getTime()) / 1000 / options.buckets));
  const fromMs = options.from.getTime();
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  // The bucket start is computed in float8 milliseconds, as date_bin(step, time, from) would give
  // it: date_bin and extract's numeric result cost twice the CPU over a 30-day range's rows.
  // Times are whole milliseconds, so round() makes the float exact before the division.
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ key: string; t: number; valueMb: number }[]>`
          SELECT labels AS key, ${fromMs}::float8 + floor((round(date_part('epoch', "timestamp") * 1000) - ${fromMs}::float8) / ${stepMs}::float8) * ${stepMs}::float8 AS t,
                 avg(memory_used_mb) AS "valueMb"
          FROM metrics
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          GROUP BY 1, 2 ORDER BY 2`
      : await db.$queryRaw<{ key: string; t: number; valueMb: number }[]>`
          SELECT labels AS key, ${fromMs}::float8 + floor((round(date_part('epoch', bucket) * 1000) - ${fromMs}::float8) / ${stepMs}::float8) * ${stepMs}::float8 AS t,
                 avg(avg_mb) AS "valueMb"
          FROM metric_rollups_5m
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND bucket >= ${options.from} AND bucket <= ${options.to}
          GROUP BY 1, 2 ORDER BY 2`;
  return groupPoints(rows);
}
