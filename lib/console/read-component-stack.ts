import "server-only";
import { db } from "@/lib/db";
import { componentKeys, type ComponentKey } from "@/lib/target-api/common-schemas";
import { chooseSource } from "@/lib/metrics/read-memory-series";
import { METRIC } from "@/lib/metrics/sample";
import { labelValue } from "@/lib/console/read-series-map";

export type ComponentStackPoint = { t: number } & Partial<Record<ComponentKey, number>>;

/**
 * Memory by component over a range, averaged into `buckets` aligned time buckets in SQL so
 * the stacked chart's layers line up and a 30-day range costs one small result set.
 */
export async function readComponentStack(options: { targetId: number; from: Date; to: Date; buckets: number; now?: Date }): Promise<ComponentStackPoint[]> {
  const stepSeconds = Math.max(15, Math.ceil((options.to.getTime() - options.from.getTime()) / 1000 / options.buckets));
  const step = `${stepSeconds} seconds`;
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ labels: string; t: number; v: number }[]>`
          SELECT labels, (extract(epoch FROM date_bin(${step}::interval, "timestamp", ${options.from}::timestamptz)) * 1000)::float8 AS t,
                 avg(memory_used_mb) AS v
          FROM metrics
          WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.componentUsed}
            AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          GROUP BY 1, 2 ORDER BY 2`
      : await db.$queryRaw<{ labels: string; t: number; v: number }[]>`
          SELECT labels, (extract(epoch FROM date_bin(${step}::interval, bucket, ${options.from}::timestamptz)) * 1000)::float8 AS t,
                 avg(avg_mb) AS v
          FROM metric_rollups_5m
          WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.componentUsed}
            AND bucket >= ${options.from} AND bucket <= ${options.to}
          GROUP BY 1, 2 ORDER BY 2`;
  const points = new Map<number, ComponentStackPoint>();
  for (const row of rows) {
    const key = labelValue(row.labels, "component") as ComponentKey | null;
    if (!key || !componentKeys.includes(key)) continue;
    let point = points.get(row.t);
    if (!point) points.set(row.t, (point = { t: row.t }));
    point[key] = Math.round(row.v * 10) / 10;
  }
  return [...points.values()];
}
