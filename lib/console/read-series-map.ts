import "server-only";
import { db } from "@/lib/db";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { chooseSource } from "@/lib/metrics/read-memory-series";

/**
 * Every series of one metric for one target over a range, keyed by label set, in one query.
 * Raw samples for short ranges, rollup peaks for long ones (as the memory chart does).
 */
export async function readSeriesMap(options: {
  targetId: number;
  metricName: string;
  from: Date;
  to: Date;
  now?: Date;
}): Promise<Map<string, MemoryPoint[]>> {
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const rows =
    source === "raw"
      ? await db.$queryRaw<{ labels: string; t: number; v: number }[]>`
          SELECT labels, (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS v
          FROM metrics
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
          ORDER BY labels, "timestamp"`
      : await db.$queryRaw<{ labels: string; t: number; v: number }[]>`
          SELECT labels, (extract(epoch FROM bucket) * 1000)::float8 AS t, max_mb AS v
          FROM metric_rollups_5m
          WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName}
            AND bucket >= ${options.from} AND bucket <= ${options.to}
          ORDER BY labels, bucket`;
  const map = new Map<string, MemoryPoint[]>();
  for (const row of rows) {
    let series = map.get(row.labels);
    if (!series) map.set(row.labels, (series = []));
    series.push({ t: row.t, valueMb: row.v });
  }
  return map;
}

/** The value of one label in canonical label text (`{component="cache",name="x"}`). */
export function labelValue(labels: string, key: string): string | null {
  const match = new RegExp(`(?:^\\{|,)${key}="((?:[^"\\\\]|\\\\.)*)"`).exec(labels);
  return match ? match[1].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\") : null;
}
