import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { chooseChartSource, type ChartSource } from "@/lib/metrics/choose-source";
import { downsampleLttb } from "@/lib/metrics/lttb";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { unpackPoints } from "@/lib/metrics/packed-points";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import { ROLLUP_REDO_WINDOW_MS } from "@/lib/metrics/refresh-rollups";
import { METRIC } from "@/lib/metrics/sample";

export type MemorySeries = {
  source: ChartSource;
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

const MINUTE_MS = 60_000;

/**
 * Total memory from the minute maxima where they are final (buckets older than the
 * maintenance's redo window), and from raw samples after that: the newest point of a 24-hour
 * chart is the newest sample, not a minute that is still being filled.
 */
async function readMinuteMaxima(db: Db, options: { targetId: number; from: Date; to: Date; now: Date }) {
  const settled = new Date(Math.floor((options.now.getTime() - ROLLUP_REDO_WINDOW_MS) / MINUTE_MS) * MINUTE_MS);
  const rawFrom = settled > options.from ? settled : options.from;
  const [row] = await db.$queryRaw<{ packed: string | null }[]>`
    SELECT encode(string_agg(float8send(t) || float8send(v), ''::bytea ORDER BY t), 'base64') AS packed FROM (
      SELECT round(date_part('epoch', bucket) * 1000) AS t, max_mb AS v FROM memory_rollups_1m
      WHERE target_id = ${options.targetId} AND bucket >= ${options.from} AND bucket <= ${options.to} AND bucket < ${settled}
      UNION ALL
      SELECT round(date_part('epoch', "timestamp") * 1000), memory_used_mb FROM metrics
      WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.systemUsed} AND labels = ''
        AND "timestamp" >= ${rawFrom} AND "timestamp" <= ${options.to}
    ) points`;
  return unpackPoints(row?.packed ?? null);
}

/**
 * A memory series for a chart: raw samples, minute maxima or 5-minute rollups chosen by range
 * and step (lib/metrics/choose-source.ts), then LTTB-downsampled to at most `maxPoints` so that
 * a single-sample spike survives (rollups are read as each bucket's maximum for the same reason).
 */
export async function readMemorySeries(options: ReadMemorySeriesOptions): Promise<MemorySeries> {
  const db = options.db ?? defaultDb;
  const metricName = options.metricName ?? METRIC.systemUsed;
  const labels = options.labels ?? "";
  const now = options.now ?? new Date();
  const source = chooseChartSource({ from: options.from, to: options.to, now, maxPoints: options.maxPoints, totalMemory: metricName === METRIC.systemUsed && labels === "" });
  const rows =
    source === "raw"
      ? await readRawSeries({ targetId: options.targetId, from: options.from, to: options.to, metricName, labels, db })
      : source === "rollup_1m"
        ? await readMinuteMaxima(db, { targetId: options.targetId, from: options.from, to: options.to, now })
        : unpackPoints(
            (
              await db.$queryRaw<{ packed: string | null }[]>`
                SELECT encode(string_agg(float8send(round(date_part('epoch', bucket) * 1000)) || float8send(max_mb), ''::bytea ORDER BY bucket), 'base64') AS packed
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
