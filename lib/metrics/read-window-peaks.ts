import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { METRIC } from "@/lib/metrics/sample";

export type PeakWindow = { key: number; targetId: number; from: Date; to: Date };
export type WindowPeak = { peakMb: number; samples: number };

/**
 * The highest stored raw sample of total memory in each window (from exclusive, to inclusive),
 * in one statement however many windows: insights ask whether memory was back above a threshold
 * after each of hundreds of actions. A window without samples is absent from the map.
 */
export async function readWindowPeaks(options: { windows: readonly PeakWindow[]; db?: Db }): Promise<Map<number, WindowPeak>> {
  const db = options.db ?? defaultDb;
  const peaks = new Map<number, WindowPeak>();
  if (options.windows.length === 0) return peaks;
  const rows = await db.$queryRaw<{ key: number; peak: number; samples: bigint }[]>`
    SELECT w.key, max(m.memory_used_mb) AS peak, count(*) AS samples
    FROM unnest(
      ${options.windows.map((w) => w.key)}::int[],
      ${options.windows.map((w) => w.targetId)}::int[],
      ${options.windows.map((w) => w.from.toISOString())}::timestamptz[],
      ${options.windows.map((w) => w.to.toISOString())}::timestamptz[]) AS w(key, target_id, from_t, to_t)
    JOIN metrics m ON m.target_id = w.target_id AND m.metric_name = ${METRIC.systemUsed} AND m.labels = ''
      AND m."timestamp" > w.from_t AND m."timestamp" <= w.to_t
    GROUP BY w.key`;
  for (const row of rows) peaks.set(Number(row.key), { peakMb: Number(row.peak), samples: Number(row.samples) });
  return peaks;
}
