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

// Trusted identifiers only (never input): which table, time and value column a source reads.
const COLUMNS = {
  raw: { table: Prisma.raw("metrics"), time: Prisma.raw('"timestamp"'), value: Prisma.raw("memory_used_mb") },
  rollup: { table: Prisma.raw("metric_rollups_5m"), time: Prisma.raw("bucket"), value: Prisma.raw("max_mb") },
};

/** The points of `packed`: big-endian float8 pairs (t in epoch ms, MB), 16 bytes per point. */
function unpackPoints(packed: Uint8Array | null): MemoryPoint[] {
  if (!packed) return [];
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const points: MemoryPoint[] = new Array(packed.byteLength / 16);
  for (let i = 0; i < points.length; i++) points[i] = { t: view.getFloat64(i * 16), valueMb: view.getFloat64(i * 16 + 8) };
  return points;
}

/**
 * A memory series for a chart: raw samples or rollups chosen by range, then LTTB-downsampled
 * to at most `maxPoints` so that a single-sample spike survives. Rollups are read as each
 * bucket's maximum, for the same reason: an on-call chart must not average a spike away.
 */
export async function readMemorySeries(options: ReadMemorySeriesOptions): Promise<MemorySeries> {
  const db = options.db ?? defaultDb;
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const { table, time, value } = COLUMNS[source];
  // One bytea of packed points rather than one protocol row per point: PostgreSQL reads a
  // day of raw samples in about 2 ms, and parsing 5,760 rows took the client several times that.
  const [row] = await db.$queryRaw<{ packed: Uint8Array | null }[]>`
    SELECT string_agg(float8send(round(date_part('epoch', ${time}) * 1000)) || float8send(${value}), ''::bytea ORDER BY ${time}) AS packed
    FROM ${table}
    WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName ?? METRIC.systemUsed} AND labels = ${options.labels ?? ""}
      AND ${time} >= ${options.from} AND ${time} <= ${options.to}`;
  const points = unpackPoints(row?.packed ?? null);
  return {
    source,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    sourcePoints: points.length,
    points: downsampleLttb({ points, maxPoints: options.maxPoints }),
  };
}
