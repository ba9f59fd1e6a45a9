import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { readGroupedSeries } from "@/lib/metrics/read-grouped-series";

/**
 * Every series of one metric for one target over a range, keyed by label set, in one query.
 * Raw samples for short ranges, rollup peaks for long ones (as the memory chart does).
 */
export async function readSeriesByLabels(options: {
  targetId: number;
  metricName: string;
  from: Date;
  to: Date;
  now?: Date;
}): Promise<Map<string, MemoryPoint[]>> {
  return readGroupedSeries<string>({
    keyColumn: "labels",
    filter: Prisma.sql`target_id = ${options.targetId} AND metric_name = ${options.metricName}`,
    from: options.from,
    to: options.to,
    now: options.now,
  });
}
