import "server-only";
import { readSeriesStartValues } from "@/lib/metrics/read-series-start-values";
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

/** Each current top consumer with its growth over the range, from the first stored value at or after `from`. */
export async function readConsumerGrowth(options: { targetId: number; top: MemoryTop | null; from: Date; to: Date; now?: Date }): Promise<ConsumerGrowth[]> {
  const consumers = options.top?.consumers ?? [];
  if (consumers.length === 0) return [];
  const labels = consumers.map((c) => formatLabels({ component: c.component, name: c.name }));
  const { source, starts } = await readSeriesStartValues({
    targetId: options.targetId,
    metricName: METRIC.consumerUsed,
    labels,
    from: options.from,
    to: options.to,
    now: options.now,
  });
  // A consumer first seen well after the others (or after the range start, whichever is later)
  // was not there before; one whose history simply begins with collection is not "new".
  const firstSeen = [...starts.values()].map((start) => start.t);
  const collectingSince = Math.max(options.from.getTime(), firstSeen.length ? Math.min(...firstSeen) : options.from.getTime());
  const appearedAfter = collectingSince + (source === "raw" ? APPEARED_SLACK_MS : 10 * 60_000);
  return consumers.map((consumer, i) => {
    const start = starts.get(labels[i]);
    const appeared = start ? start.t > appearedAfter : false;
    const startMb = appeared ? 0 : (start?.valueMb ?? null);
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
