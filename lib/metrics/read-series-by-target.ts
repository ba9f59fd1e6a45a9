import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { readGroupedSeries } from "@/lib/metrics/read-grouped-series";
import { METRIC } from "@/lib/metrics/sample";

/**
 * One series (total memory by default) of every target over a range, keyed by target id, in one
 * query whatever the number of targets. Raw samples or rollup peaks, as the memory chart reads.
 */
export async function readSeriesByTarget(options: {
  from: Date;
  to: Date;
  metricName?: string;
  labels?: string;
  now?: Date;
}): Promise<Map<number, MemoryPoint[]>> {
  const metricName = options.metricName ?? METRIC.systemUsed;
  const labels = options.labels ?? "";
  return readGroupedSeries<number>({
    keyColumn: "target_id",
    filter: Prisma.sql`metric_name = ${metricName} AND labels = ${labels}`,
    from: options.from,
    to: options.to,
    now: options.now,
  });
}
