import "server-only";
import { db } from "@/lib/db";
import { chooseSource, type MetricSource } from "@/lib/metrics/choose-source";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

export type SeriesStartValues = {
  /** Where the values came from: a rollup's start is a 5-minute average, placed at its bucket. */
  source: MetricSource;
  /** The first stored value at or after `from` of each label set that has one in the range. */
  starts: Map<string, MemoryPoint>;
  /**
   * The metric's first stored value in the range under any label set: from then on the target's
   * series of this metric were being collected, so one that starts much later appeared later.
   */
  firstAt: number | null;
};

/**
 * The first value in [from, to] of each of the given series of one metric: one index seek per
 * label set, in a single LATERAL query, whatever the length of the range.
 */
export async function readSeriesStartValues(options: {
  targetId: number;
  metricName: string;
  labels: readonly string[];
  from: Date;
  to: Date;
  now?: Date;
}): Promise<SeriesStartValues> {
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  if (options.labels.length === 0) return { source, starts: new Map(), firstAt: null };
  const labels = [...options.labels];
  const [rows, [first]] =
    source === "raw"
      ? await Promise.all([
          db.$queryRaw<{ labels: string; t: number; valueMb: number }[]>`
            SELECT l.labels, s.t, s."valueMb" FROM unnest(${labels}::text[]) AS l(labels)
            JOIN LATERAL (
              SELECT (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb" FROM metrics
              WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName} AND labels = l.labels
                AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
              ORDER BY "timestamp" LIMIT 1) s ON true`,
          db.$queryRaw<{ t: number | null }[]>`
            SELECT (extract(epoch FROM min("timestamp")) * 1000)::float8 AS t FROM metrics
            WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
              AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}`,
        ])
      : await Promise.all([
          db.$queryRaw<{ labels: string; t: number; valueMb: number }[]>`
            SELECT l.labels, s.t, s."valueMb" FROM unnest(${labels}::text[]) AS l(labels)
            JOIN LATERAL (
              SELECT (extract(epoch FROM bucket) * 1000)::float8 AS t, avg_mb AS "valueMb" FROM metric_rollups_5m
              WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName} AND labels = l.labels
                AND bucket >= ${options.from} AND bucket <= ${options.to}
              ORDER BY bucket LIMIT 1) s ON true`,
          db.$queryRaw<{ t: number | null }[]>`
            SELECT (extract(epoch FROM min(bucket)) * 1000)::float8 AS t FROM metric_rollups_5m
            WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
              AND bucket >= ${options.from} AND bucket <= ${options.to}`,
        ]);
  return { source, starts: new Map(rows.map((row) => [row.labels, { t: row.t, valueMb: row.valueMb }])), firstAt: first?.t ?? null };
}
