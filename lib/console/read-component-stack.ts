import "server-only";
import { componentKeys, type ComponentKey } from "@/lib/target-api/common-schemas";
import { readBucketAverages } from "@/lib/metrics/read-bucket-averages";
import { METRIC, labelValue } from "@/lib/metrics/sample";

export type ComponentStackPoint = { t: number } & Partial<Record<ComponentKey, number>>;

/** Memory by component over a range, in `buckets` aligned time buckets, as the stacked chart's rows. */
export async function readComponentStack(options: { targetId: number; from: Date; to: Date; buckets: number; now?: Date }): Promise<ComponentStackPoint[]> {
  const byLabels = await readBucketAverages({ ...options, metricName: METRIC.componentUsed });
  const rows = new Map<number, ComponentStackPoint>();
  for (const [labels, series] of byLabels) {
    const key = labelValue(labels, "component") as ComponentKey | null;
    if (!key || !componentKeys.includes(key)) continue;
    for (const point of series) {
      let row = rows.get(point.t);
      if (!row) rows.set(point.t, (row = { t: point.t }));
      row[key] = Math.round(point.valueMb * 10) / 10;
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}
