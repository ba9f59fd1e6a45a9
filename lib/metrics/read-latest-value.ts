import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { METRIC } from "@/lib/metrics/sample";

const EPOCH = new Date(0);

/**
 * The newest stored sample of one series at or before `at` (and not before `notBefore`, when
 * given), or null: one backward index seek. Total memory (`system.memory.used`) by default.
 */
export async function readLatestValue(options: {
  targetId: number;
  at: Date;
  notBefore?: Date;
  metricName?: string;
  labels?: string;
  db?: Db;
}): Promise<MemoryPoint | null> {
  const db = options.db ?? defaultDb;
  const [row] = await db.$queryRaw<MemoryPoint[]>`
    SELECT (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS "valueMb"
    FROM metrics
    WHERE target_id = ${options.targetId} AND metric_name = ${options.metricName ?? METRIC.systemUsed} AND labels = ${options.labels ?? ""}
      AND "timestamp" <= ${options.at}::timestamptz AND "timestamp" >= ${options.notBefore ?? EPOCH}::timestamptz
    ORDER BY "timestamp" DESC LIMIT 1`;
  return row ?? null;
}
