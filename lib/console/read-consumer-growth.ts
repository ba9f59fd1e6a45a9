import "server-only";
import { db } from "@/lib/db";
import { chooseSource } from "@/lib/metrics/read-memory-series";
import { METRIC, formatLabels } from "@/lib/metrics/sample";
import type { MemoryTop } from "@/lib/target-api/schemas";

const APPEARED_SLACK_MS = 2 * 60_000;

export type ConsumerGrowth = {
  name: string;
  component: string;
  description: string;
  currentMb: number;
  /** Memory at the start of the range: the first sample at or after it, or 0 when the consumer appeared later. */
  startMb: number | null;
  /** True when the consumer did not exist at the start of the range (it grew from nothing). */
  appeared: boolean;
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
      ? await db.$queryRaw<{ labels: string; v: number | null; t: Date | null }[]>`
          SELECT l.labels, s.v, s.t FROM unnest(${labels}::text[]) AS l(labels)
          LEFT JOIN LATERAL (
            SELECT memory_used_mb AS v, "timestamp" AS t FROM metrics
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
              AND "timestamp" >= ${options.from} AND "timestamp" <= ${options.to}
            ORDER BY "timestamp" LIMIT 1) s ON true`
      : await db.$queryRaw<{ labels: string; v: number | null; t: Date | null }[]>`
          SELECT l.labels, s.v, s.t FROM unnest(${labels}::text[]) AS l(labels)
          LEFT JOIN LATERAL (
            SELECT avg_mb AS v, bucket AS t FROM metric_rollups_5m
            WHERE target_id = ${options.targetId} AND metric_name = ${METRIC.consumerUsed} AND labels = l.labels
              AND bucket >= ${options.from} AND bucket <= ${options.to}
            ORDER BY bucket LIMIT 1) s ON true`;
  const startByLabels = new Map(starts.map((row) => [row.labels, row]));
  // A consumer first seen well after the others (or after the range start, whichever is later)
  // was not there before; one whose history simply begins with collection is not "new".
  const firstSeen = starts.map((row) => row.t?.getTime()).filter((t): t is number => t !== undefined);
  const collectingSince = Math.max(options.from.getTime(), firstSeen.length ? Math.min(...firstSeen) : options.from.getTime());
  const appearedAfter = collectingSince + (source === "raw" ? APPEARED_SLACK_MS : 10 * 60_000);
  return consumers.map((consumer, i) => {
    const start = startByLabels.get(labels[i]);
    const appeared = start?.t ? start.t.getTime() > appearedAfter : false;
    const startMb = appeared ? 0 : (start?.v ?? null);
    return {
      name: consumer.name,
      component: consumer.component,
      description: consumer.description,
      currentMb: consumer.memory_mb,
      startMb,
      appeared,
      growthMb: startMb === null ? null : consumer.memory_mb - startMb,
    };
  });
}
