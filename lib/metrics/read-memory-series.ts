import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_RAW_RETENTION_DAYS } from "@/lib/metrics/apply-retention";
import { downsampleLttb } from "@/lib/metrics/lttb";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { METRIC } from "@/lib/metrics/sample";

const HOUR_MS = 3_600_000;
// Up to a day of raw samples (5,760 at 15 s); beyond that the 5-minute rollups are read
// instead (a 30-day range is 8,640 buckets rather than 172,800 samples).
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

type PreselectedRow = MemoryPoint & { n: number };

// Trusted identifiers only (never input): which table, time and value column a source reads.
const COLUMNS = {
  raw: { table: Prisma.raw("metrics"), time: Prisma.raw('"timestamp"'), value: Prisma.raw("memory_used_mb") },
  rollup: { table: Prisma.raw("metric_rollups_5m"), time: Prisma.raw("bucket"), value: Prisma.raw("max_mb") },
};

/**
 * A memory series for a chart: raw samples or rollups chosen by range, then LTTB-downsampled
 * to at most `maxPoints` so that a single-sample spike survives. Rollups are read as each
 * bucket's maximum, for the same reason: an on-call chart must not average a spike away.
 *
 * PostgreSQL first keeps only the lowest and the highest point of each of `maxPoints` time
 * buckets (MinMaxLTTB, Van Der Donckt et al. 2023): LTTB over that superset keeps the same
 * spikes, and a day of raw samples crosses the wire as at most 2 × maxPoints rows, not 5,760.
 */
export async function readMemorySeries(options: ReadMemorySeriesOptions): Promise<MemorySeries> {
  const db = options.db ?? defaultDb;
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const { table, time, value } = COLUMNS[source];
  const where = Prisma.sql`target_id = ${options.targetId} AND metric_name = ${options.metricName ?? METRIC.systemUsed}
    AND labels = ${options.labels ?? ""} AND ${time} >= ${options.from} AND ${time} <= ${options.to}`;
  const widthSeconds = Math.max(0.001, (options.to.getTime() - options.from.getTime()) / 1000 / Math.max(1, options.maxPoints));
  const preselected = await db.$queryRaw<PreselectedRow[]>`
    WITH b AS (
      SELECT count(*)::int AS n,
             min(ARRAY[${value}, round(date_part('epoch', ${time}) * 1000)]) AS lo,
             max(ARRAY[${value}, round(date_part('epoch', ${time}) * 1000)]) AS hi
      FROM ${table} WHERE ${where}
      GROUP BY date_bin(make_interval(secs => ${widthSeconds}::float8), ${time}, ${options.from}::timestamptz))
    SELECT p.t, p.v AS "valueMb", p.n
    FROM b CROSS JOIN LATERAL (VALUES (b.lo[2], b.lo[1], b.n), (b.hi[2], b.hi[1], 0)) AS p(t, v, n)
    WHERE p.n > 0 OR b.hi[2] <> b.lo[2]
    ORDER BY p.t`;
  const sourcePoints = preselected.reduce((sum, row) => sum + row.n, 0);
  let points: MemoryPoint[] = preselected.map((row) => ({ t: row.t, valueMb: row.valueMb }));
  // Few enough to send them all, but some bucket held more than its two extremes (irregular
  // pushes): read them all, as LTTB would have returned them unchanged.
  if (sourcePoints <= options.maxPoints && points.length < sourcePoints) {
    points = await db.$queryRaw<MemoryPoint[]>`
      SELECT round(date_part('epoch', ${time}) * 1000) AS t, ${value} AS "valueMb"
      FROM ${table} WHERE ${where} ORDER BY ${time}`;
  }
  return {
    source,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    sourcePoints,
    points: downsampleLttb({ points, maxPoints: options.maxPoints }),
  };
}
