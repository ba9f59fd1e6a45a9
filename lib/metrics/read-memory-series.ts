import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { chooseSource, type MetricSource } from "@/lib/metrics/choose-source";
import { downsampleLttb } from "@/lib/metrics/lttb";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { unpackPoints } from "@/lib/metrics/packed-points";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import { METRIC } from "@/lib/metrics/sample";

export type MemorySeries = {
  source: MetricSource;
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

/**
 * A memory series for a chart: raw samples or rollups chosen by range, then LTTB-downsampled
 * to at most `maxPoints` so that a single-sample spike survives (rollups are read as each
 * bucket's maximum for the same reason).
 */
export async function readMemorySeries(options: ReadMemorySeriesOptions): Promise<MemorySeries> {
  const db = options.db ?? defaultDb;
  const metricName = options.metricName ?? METRIC.systemUsed;
  const labels = options.labels ?? "";
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await readRawSeries({ targetId: options.targetId, from: options.from, to: options.to, metricName, labels, db })
      : unpackPoints(
          (
            await db.$queryRaw<{ packed: Uint8Array | null }[]>`
              SELECT string_agg(float8send(round(date_part('epoch', bucket) * 1000)) || float8send(max_mb), ''::bytea ORDER BY bucket) AS packed
              FROM metric_rollups_5m
              WHERE target_id = ${options.targetId} AND metric_name = ${metricName} AND labels = ${labels}
                AND bucket >= ${options.from} AND bucket <= ${options.to}`
          )[0]?.packed ?? null,
        );
  return {
    source,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    sourcePoints: rows.length,
    points: downsampleLttb({ points: rows, maxPoints: options.maxPoints }),
  };
}
