import "server-only";
import { forecastWindowAt } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { readSeriesByLabels } from "@/lib/metrics/read-series-by-labels";
import { METRIC, labelValue } from "@/lib/metrics/sample";
import { listInterventions } from "@/lib/remediation/list-interventions";
import { diagnoseMemory, type MemoryDiagnosis } from "./diagnose-memory";
import type { ComponentSeries } from "./pick-growing-component";

export type TargetDiagnosis = { diagnosis: MemoryDiagnosis; total: MemoryPoint[] };

/**
 * The target page's diagnosis at `now`: the last three hours of whole 5-minute buckets (one hour
 * is too short to tell a slow leak from noise; docs/decisions/0003) with the recorded actions in
 * them, so a drop an action caused is not read as the end of a leak. Also recorded on each
 * action when it is requested (docs/decisions/0023).
 */
export async function diagnoseTarget(options: { targetId: number; limitMb: number; now: Date }): Promise<TargetDiagnosis> {
  const { targetId, now } = options;
  const from = new Date(forecastWindowAt({ now: now.getTime() }).fromT);
  const [totals, parts, interventions] = await Promise.all([
    readSeriesByLabels({ targetId, metricName: METRIC.systemUsed, from, to: now, now }),
    readSeriesByLabels({ targetId, metricName: METRIC.componentUsed, from, to: now, now }),
    listInterventions({ targetIds: [targetId], from, to: now }),
  ]);
  const total = totals.get("") ?? [];
  const components: ComponentSeries = {};
  for (const [labels, series] of parts) {
    const key = labelValue(labels, "component");
    if (key) (components as Record<string, typeof series>)[key] = series;
  }
  const diagnosis = diagnoseMemory({ total, components, limitMb: options.limitMb, interventions: interventions.get(targetId) ?? [] });
  return { diagnosis, total };
}
