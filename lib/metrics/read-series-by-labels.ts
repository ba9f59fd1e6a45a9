import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/choose-source";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { groupPoints } from "@/lib/metrics/group-points";

/**
 * Every series of one metric for one target over a range, keyed by label set, in one query.
 * Raw samples for short ranges, rollup peaks for long ones (as the memory chart does).
 */
export async function readSeriesByLabels(options: {
  targetId: number;
  metricName: string;
  from: Date;
  to: Date;
  now?: Date;
}): Promise<Map<string, MemoryPoint[]>> {
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ key: string; t: number; valueMb: number }[]>`
          SELECT labels AS key, (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb"
          FROM metrics
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          ORDER BY labels, "timestamp"`
      : await db.$queryRaw<{ key: string; t: number; valueMb: number }[]>`
          SELECT labels AS key, (extract(epoch FROM bucket) * 1000)::float8 AS t, max_mb AS "valueMb"
          FROM metric_rollups_5m
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND bucket >= ${options.from} AND bucket <= ${options.to}
          ORDER BY labels, bucket`;
  return groupPoints(rows);
}
