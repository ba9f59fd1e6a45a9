import "server-only";
import { readSeriesStartValues } from "@/lib/metrics/read-series-start-values";
import { METRIC, formatLabels } from "@/lib/metrics/sample";
import type { MemoryTop } from "@/lib/target-api/schemas";
import { attributeConsumerGrowth, type ConsumerGrowth } from "@/lib/console/attribute-consumer-growth";

export type { ConsumerGrowth } from "@/lib/console/attribute-consumer-growth";

/** One scrape stores every consumer under one timestamp; a rollup bucket spans 5 minutes. */
const SLACK_MS = { raw: 30_000, rollup: 5 * 60_000 } as const;

/**
 * Each current top consumer with its growth over the range: the first stored value at or
 * after `from`, found by one index seek per consumer, and when the
 * target's consumers were first collected in the range (a later arrival grew from nothing).
 */
export async function readConsumerGrowth(options: { targetId: number; top: MemoryTop | null; from: Date; to: Date; now?: Date }): Promise<ConsumerGrowth[]> {
  const consumers = options.top?.consumers ?? [];
  if (consumers.length === 0) return [];
  const labels = consumers.map((c) => formatLabels({ component: c.component, name: c.name }));
  const { source, starts, firstAt } = await readSeriesStartValues({
    targetId: options.targetId,
    metricName: METRIC.consumerUsed,
    labels,
    from: options.from,
    to: options.to,
    now: options.now,
  });
  return attributeConsumerGrowth({
    consumers,
    starts: labels.map((l) => {
      const start = starts.get(l);
      return start ? { valueMb: start.valueMb, at: start.t } : undefined;
    }),
    collectingSince: firstAt,
    slackMs: SLACK_MS[source],
  });
}
