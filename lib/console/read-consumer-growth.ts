import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/read-memory-series";
import { METRIC, formatLabels } from "@/lib/metrics/sample";
import type { MemoryTop } from "@/lib/target-api/schemas";
import { attributeConsumerGrowth, type ConsumerGrowth } from "@/lib/console/attribute-consumer-growth";

export type { ConsumerGrowth } from "@/lib/console/attribute-consumer-growth";

/** One scrape stores every consumer under one timestamp; a rollup bucket spans 5 minutes. */
const SLACK_MS = { raw: 30_000, rollup: 5 * 60_000 } as const;

/**
 * Each current top consumer with its growth over the range: the first stored value at or
 * after `from`, found by one index seek per consumer in a single LATERAL query, and when the
 * target's consumers were first collected in the range (a later arrival grew from nothing).
 */
export async function readConsumerGrowth(options: { targetId: number; top: MemoryTop | null; from: Date; to: Date; now?: Date }): Promise<ConsumerGrowth[]> {
  const consumers = options.top?.consumers ?? [];
  if (consumers.length === 0) return [];
  const labels = consumers.map((c) => formatLabels({ component: c.component, name: c.name }));
  const source = chooseSource({ from: options.from, to: options.to, now: options.now ?? new Date() });
  const [starts, [first]] =
    source === "raw"
      ? await Promise.all([
          db.$queryRaw<{ labels: string; v: number | null; t: Date | null }[]>`
            SELECT l.labels, s.v, s.t FROM unnest(${labels}::text[]) AS l(labels)
            LEFT JOIN LATERAL (
              SELECT memory_used_mb AS v, "timestamp" AS t FROM metrics
              WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
                AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
              ORDER BY "timestamp" LIMIT 1) s ON true`,
          db.$queryRaw<{ t: Date | null }[]>`
            SELECT min("timestamp") AS t FROM metrics
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed}
              AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}`,
        ])
      : await Promise.all([
          db.$queryRaw<{ labels: string; v: number | null; t: Date | null }[]>`
            SELECT l.labels, s.v, s.t FROM unnest(${labels}::text[]) AS l(labels)
            LEFT JOIN LATERAL (
              SELECT avg_mb AS v, bucket AS t FROM metric_rollups_5m
              WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
                AND bucket >= ${options.from} AND bucket <= ${options.to}
              ORDER BY bucket LIMIT 1) s ON true`,
          db.$queryRaw<{ t: Date | null }[]>`
            SELECT min(bucket) AS t FROM metric_rollups_5m
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed}
              AND bucket >= ${options.from} AND bucket <= ${options.to}`,
        ]);
  const startByLabels = new Map(starts.map((row) => [row.labels, { valueMb: row.v, at: row.t?.getTime() ?? null }]));
  return attributeConsumerGrowth({
    consumers,
    starts: labels.map((l) => startByLabels.get(l)),
    collectingSince: first?.t?.getTime() ?? null,
    slackMs: SLACK_MS[source],
  });
}
