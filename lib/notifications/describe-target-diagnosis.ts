import "server-only";
import { diagnoseMemory } from "@/lib/diagnosis/diagnose-memory";
import type { ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import { readSeriesByLabels } from "@/lib/metrics/read-series-by-labels";
import { METRIC, labelValue } from "@/lib/metrics/sample";

const WINDOW_MS = 3 * 3_600_000;
const PATTERN_WORDS = { gradual: "gradual growth (leak pattern)", spike: "sudden spike", flat: "flat" } as const;

/**
 * The diagnosis in a few words for a notification line ("gradual growth (leak pattern) in cache,
 * +310 MB"), from the last three hours the target page diagnoses too; null without enough data.
 * A notification must not fail because of it: a read error leaves it out.
 */
export async function describeTargetDiagnosis(options: { targetId: number; limitMb: number; now: Date }): Promise<string | null> {
  const { targetId, now } = options;
  const from = new Date(now.getTime() - WINDOW_MS);
  try {
    const [totals, parts] = await Promise.all([
      readSeriesByLabels({ targetId, metricName: METRIC.systemUsed, from, to: now, now }),
      readSeriesByLabels({ targetId, metricName: METRIC.componentUsed, from, to: now, now }),
    ]);
    const components: ComponentSeries = {};
    for (const [labels, series] of parts) {
      const key = labelValue(labels, "component");
      if (key) (components as Record<string, typeof series>)[key] = series;
    }
    const diagnosis = diagnoseMemory({ total: totals.get("") ?? [], components, limitMb: options.limitMb });
    if (diagnosis.pattern === "insufficient_data") return null;
    const words = PATTERN_WORDS[diagnosis.pattern];
    const part = diagnosis.component ? ` in ${diagnosis.component.key}, +${Math.round(diagnosis.component.growthMb)} MB` : "";
    return `${words}${part}`;
  } catch {
    return null;
  }
}
