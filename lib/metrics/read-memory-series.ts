import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";
import { downsampleLttb } from "@/lib/metrics/lttb";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { METRIC } from "@/lib/metrics/sample";

const HOUR_MS = 3_600_000;
// Up to a day of raw samples (5,760 at 15 s) reads in a few ms; beyond that the 5-minute
// rollups are read instead (a 30-day range is 8,640 buckets rather than 172,800 samples).
export const RAW_RANGE_LIMIT_MS = 24 * HOUR_MS;

export type MemorySeries = {
  source: "raw" | "rollup";
  from: string;
  to: string;
  /** Rows read before downsampling. */
  sourcePoints: number;
  points: MemoryPoint[];
};

export type ReadMemorySeriesOptions = {
  targetId: number;
  from: Date;
  to: Date;
  maxPoints: number;
  metricName?: string;
  labels?: string;
  now?: Date;
  db?: Db;
};

export function chooseSource(options: { from: Date; to: Date; now: Date }): "raw" | "rollup" {
  const rawHorizon = options.now.getTime() - DEFAULT_RAW_RETENTION_DAYS * 24 * HOUR_MS;
  const span = options.to.getTime() - options.from.getTime();
  return span <= RAW_RANGE_LIMIT_MS && options.from.getTime() >= rawHorizon ? "raw" : "rollup";
}

/**
 * A memory series for a chart: raw samples or rollups chosen by range, then LTTB-downsampled
 * to at most `maxPoints` so that a single-sample spike survives. Rollups are read as each
 * bucket's maximum, for the same reason: an on-call chart must not average a spike away.
 */
export async function readMemorySeries(options: ReadMemorySeriesOptions): Promise<MemorySeries> {
  const db = options.db ?? defaultDb;
  const metricName = options.metricName ?? METRIC.systemUsed;
  const labels = options.labels ?? "";
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await db.$queryRaw<MemoryPoint[]>`
          SELECT (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb"
          FROM metrics
          WHERE target_id = ${options.targetId} AND metric_name = ${metricName} AND labels = ${labels}
            AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          ORDER BY "timestamp"`
      : await db.$queryRaw<MemoryPoint[]>`
          SELECT (extract(epoch FROM bucket) * 1000)::float8 AS t, max_mb AS "valueMb"
          FROM metric_rollups_5m
          WHERE target_id = ${options.targetId} AND metric_name = ${metricName} AND labels = ${labels}
            AND bucket >= ${options.from} AND bucket <= ${options.to}
          ORDER BY bucket`;
  return {
    source,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    sourcePoints: rows.length,
    points: downsampleLttb({ points: rows, maxPoints: options.maxPoints }),
  };
}
