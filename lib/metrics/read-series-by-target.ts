import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/choose-source";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { groupPoints } from "@/lib/metrics/group-points";
import { METRIC } from "@/lib/metrics/sample";

/**
 * One series (total memory by default) of every target over a range, keyed by target id, in one
 * query whatever the number of targets. Raw samples or rollup peaks, as the memory chart reads.
 */
export async function readSeriesByTarget(options: {
  from: Date;
  to: Date;
  metricName?: string;
  labels?: string;
  now?: Date;
}): Promise<Map<number, MemoryPoint[]>> {
  const metricName = options.metricName ?? METRIC.systemUsed;
  const labels = options.labels ?? "";
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ key: number; t: number; valueMb: number }[]>`
          SELECT target_id AS key, (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb"
          FROM metrics
          WHERE metric_name = ${metricName} AND labels = ${labels} AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          ORDER BY target_id, "timestamp"`
      : await db.$queryRaw<{ key: number; t: number; valueMb: number }[]>`
          SELECT target_id AS key, (extract(epoch FROM bucket) * 1000)::float8 AS t, max_mb AS "valueMb"
          FROM metric_rollups_5m
          WHERE metric_name = ${metricName} AND labels = ${labels} AND bucket >= ${options.from} AND bucket <= ${options.to}
          ORDER BY target_id, bucket`;
  return groupPoints(rows);
}
