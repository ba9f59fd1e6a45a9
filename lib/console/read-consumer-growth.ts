import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/read-memory-series";
import { METRIC, formatLabels } from "@/lib/metrics/sample";
import type { MemoryTop } from "@/lib/target-api/schemas";

export type ConsumerGrowth = {
  name: string;
  component: string;
  description: string;
  currentMb: number;
  /** Memory at the start of the range (first sample at or after it); null if none yet. */
  startMb: number | null;
  growthMb: number | null;
};

/**
 * Each current top consumer with its growth over the range: the first stored value at or
 * after `from`, found by one index seek per consumer in a single LATERAL query.
 */
export async function readConsumerGrowth(options: { targetId: number; top: MemoryTop | null; from: Date; to: Date; now?: Date }): Promise<ConsumerGrowth[]> {
  const consumers = options.top?.consumers ?? [];
  if (consumers.length === 0) return [];
  const labels = consumers.map((c) => formatLabels({ component: c.component, name: c.name }));
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const starts =
    source === "raw"
      ? await db.$queryRaw<{ labels: string; v: number | null }[]>`
          SELECT l.labels, s.v FROM unnest(${labels}::text[]) AS l(labels)
          LEFT JOIN LATERAL (
            SELECT memory_used_mb AS v FROM metrics
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
              AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
            ORDER BY "timestamp" LIMIT 1) s ON true`
      : await db.$queryRaw<{ labels: string; v: number | null }[]>`
          SELECT l.labels, s.v FROM unnest(${labels}::text[]) AS l(labels)
          LEFT JOIN LATERAL (
            SELECT avg_mb AS v FROM metric_rollups_5m
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
              AND bucket >= ${options.from} AND bucket <= ${options.to}
            ORDER BY bucket LIMIT 1) s ON true`;
  const startByLabels = new Map(starts.map((row) => [row.labels, row.v]));
  return consumers.map((consumer, i) => {
    const startMb = startByLabels.get(labels[i]) ?? null;
    return {
      name: consumer.name,
      component: consumer.component,
      description: consumer.description,
      currentMb: consumer.memory_mb,
      startMb,
      growthMb: startMb === null ? null : consumer.memory_mb - startMb,
    };
  });
}
