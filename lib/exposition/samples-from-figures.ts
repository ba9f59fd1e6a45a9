import type { MemoryFigures } from "@/lib/exposition/read-memory-figures";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";

/** The stored series of one reading: the total and each component, as every kind of target stores them. */
export function samplesFromFigures(options: { figures: MemoryFigures; timestamp: Date }): Omit<StoredSample, "targetId">[] {
  const { figures, timestamp } = options;
  return [
    { metricName: METRIC.systemUsed, labels: "", timestamp, valueMb: figures.usedMb },
    ...Object.entries(figures.components).map(([component, valueMb]) => ({
      metricName: METRIC.componentUsed,
      labels: formatLabels({ component }),
      timestamp,
      valueMb,
    })),
  ];
}
