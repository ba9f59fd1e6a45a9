import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { unpackPoints } from "@/lib/metrics/packed-points";
import { METRIC } from "@/lib/metrics/sample";

export type ReadRawSeriesOptions = {
  targetId: number;
  /** Inclusive. */
  from: Date;
  /** Inclusive. */
  to: Date;
  metricName?: string;
  labels?: string;
  db?: Db;
};

/**
 * One series' stored samples in [from, to], oldest first, never rollups: for readers that need
 * the collected resolution whatever the range (a backtest replays every sample, an effect is
 * measured a minute after an action). Total memory (`system.memory.used`, no labels) by default.
 */
export async function readRawSeries(options: ReadRawSeriesOptions): Promise<MemoryPoint[]> {
  const db = options.db ?? defaultDb;
  const [row] = await db.$queryRaw<{ packed: string | null }[]>`
    SELECT encode(string_agg(float8send(round(date_part('epoch', "timestamp") * 1000)) || float8send(memory_used_mb), ''::bytea ORDER BY "timestamp"), 'base64') AS packed
    FROM metrics
    WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName ?? METRIC.systemUsed} AND labels = ${options.labels ?? ""}
      AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}`;
  return unpackPoints(row?.packed ?? null);
}
