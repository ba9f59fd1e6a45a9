import { OTHER, SCRAPE_CAPS } from "@/lib/collector/cap-scrape";
import type { MemoryFigures } from "@/lib/exposition/read-memory-figures";
import { METRIC, formatLabels, type StoredSample } from "@/lib/metrics/sample";

/**
 * The components one reading may store (a cAdvisor host can run hundreds of containers): past
 * the collection cap the largest are kept and the rest summed as "other", so their total stays whole.
 */
export function capComponents(components: Record<string, number>, max: number = SCRAPE_CAPS.prometheusSeries): { components: Record<string, number>; summed: number } {
  const entries = Object.entries(components).sort(([, a], [, b]) => b - a);
  if (entries.length <= max) return { components, summed: 0 };
  const kept = Object.fromEntries(entries.slice(0, max));
  const rest = entries.slice(max);
  kept[OTHER] = (kept[OTHER] ?? 0) + rest.reduce((sum, [, mb]) => sum + mb, 0);
  return { components: kept, summed: rest.length };
}

/** The stored series of one reading: the total and each component, as every kind of target stores them. */
export function samplesFromFigures(options: { figures: MemoryFigures; timestamp: Date }): Omit<StoredSample, "targetId">[] {
  const { figures, timestamp } = options;
  return [
    { metricName: METRIC.systemUsed, labels: "", timestamp, valueMb: figures.usedMb },
    ...Object.entries(capComponents(figures.components).components).map(([component, valueMb]) => ({
      metricName: METRIC.componentUsed,
      labels: formatLabels({ component }),
      timestamp,
      valueMb,
    })),
  ];
}
