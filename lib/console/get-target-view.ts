import "server-only";
import { diagnoseMemory, type MemoryDiagnosis } from "@/lib/diagnosis/diagnose-memory";
import type { ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import { forecastMemory, type MemoryForecast } from "@/lib/forecast/forecast-memory";
import { projectToLimit } from "@/lib/forecast/project-to-limit";
import { readMemorySeries, type MemorySeries } from "@/lib/metrics/read-memory-series";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { METRIC, labelValue } from "@/lib/metrics/sample";
import { readSeriesByLabels } from "@/lib/metrics/read-series-by-labels";
import type { ChartMarker } from "@/lib/metrics/chart-marker";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CHART_POINTS, RANGES, type RangeKey } from "@/lib/console/ranges";
import { readComponentStack, type ComponentStackPoint } from "@/lib/console/read-component-stack";
import { readConsumerGrowth, type ConsumerGrowth } from "@/lib/console/read-consumer-growth";
import { readSnapshots, type Snapshots } from "@/lib/console/read-snapshots";
import { listActionMarkers } from "@/lib/remediation/list-action-markers";
import { resolveDrivers } from "@/lib/remediation/drivers/resolve-drivers";
import { env, isDemoMode } from "@/lib/env";
import { demoDriversFor, targetCapabilities, type TargetCapabilities } from "@/lib/targets/target-capabilities";

const HOUR = 3_600_000;
// The diagnosis looks at the last three hours: one hour is too short to tell a slow leak
// from noise (docs/decisions/0003-diagnosis-thresholds.md).
export const DIAGNOSIS_WINDOW_MS = 3 * HOUR;

export type TargetView = {
  target: {
    slug: string;
    name: string;
    baseUrl: string;
    limitMb: number;
    lastScrapeAt: string | null;
    lastScrapeOk: boolean | null;
    lastScrapeError: string | null;
    kind: string;
    /** "configured" | "reported" | "default" */
    limitSource: string;
    provisionedFrom: string | null;
  };
  /** Which panels and actions the service supports; the page shows the others as one sentence each. */
  capabilities: TargetCapabilities;
  range: RangeKey;
  generatedAt: string;
  memory: MemorySeries;
  forecast: MemoryForecast;
  projection: MemoryPoint[];
  components: ComponentStackPoint[];
  consumers: ConsumerGrowth[];
  snapshots: Snapshots;
  diagnosis: MemoryDiagnosis;
  /** Things that happened to the target in the range (actions, alert transitions), drawn on the chart. */
  markers: ChartMarker[];
};

export async function getTargetView(options: { slug: string; range: RangeKey; now?: Date }): Promise<TargetView> {
  const now = options.now ?? new Date();
  const target = await db.target.findUnique({
    where: { slug: options.slug },
    select: {
      id: true, slug: true, name: true, baseUrl: true, memoryLimitMb: true, lastScrapeAt: true, lastScrapeOk: true, lastScrapeError: true,
      kind: true, memoryLimitSource: true, provisionedFrom: true, remediationSettings: true,
    },
  });
  if (!target) throw new AppError("NOT_FOUND", `No target "${options.slug}".`);
  const from = new Date(now.getTime() - RANGES[options.range]);
  const diagnosisFrom = new Date(now.getTime() - DIAGNOSIS_WINDOW_MS);
  const [memory, components, snapshots, recentTotal, recentComponents, markers] = await Promise.all([
    readMemorySeries({ targetId: target.id, from, to: now, maxPoints: CHART_POINTS, now }),
    readComponentStack({ targetId: target.id, from, to: now, buckets: 240, now }),
    readSnapshots({ targetId: target.id }),
    readSeriesByLabels({ targetId: target.id, metricName: METRIC.systemUsed, from: diagnosisFrom, to: now, now }),
    readSeriesByLabels({ targetId: target.id, metricName: METRIC.componentUsed, from: diagnosisFrom, to: now, now }),
    listActionMarkers({ targetId: target.id, from, to: now }),
  ]);
  const consumers = await readConsumerGrowth({ targetId: target.id, top: snapshots.top?.data ?? null, from, to: now, now });
  const total = recentTotal.get("") ?? [];
  const lastHour = total.filter((s) => s.t >= now.getTime() - HOUR);
  const forecast = forecastMemory({ samples: lastHour, limitMb: target.memoryLimitMb });
  const componentSeries: ComponentSeries = {};
  for (const [labels, series] of recentComponents) {
    const key = labelValue(labels, "component");
    if (key) (componentSeries as Record<string, typeof series>)[key] = series;
  }
  return {
    target: {
      slug: target.slug,
      name: target.name,
      baseUrl: target.baseUrl,
      limitMb: target.memoryLimitMb,
      lastScrapeAt: target.lastScrapeAt?.toISOString() ?? null,
      lastScrapeOk: target.lastScrapeOk,
      lastScrapeError: target.lastScrapeError,
      kind: target.kind,
      limitSource: target.memoryLimitSource,
      provisionedFrom: target.provisionedFrom,
    },
    capabilities: targetCapabilities({
      kind: target.kind,
      drivers: resolveDrivers({ baseUrl: target.baseUrl, settings: target.remediationSettings, demo: demoDriversFor(target.kind, isDemoMode(env())) }),
    }),
    range: options.range,
    generatedAt: now.toISOString(),
    memory,
    forecast,
    projection: projectToLimit({ forecast, horizonMs: RANGES[options.range] / 3 }),
    components,
    consumers,
    snapshots,
    diagnosis: diagnoseMemory({ total, components: componentSeries, limitMb: target.memoryLimitMb }),
    markers,
  };
}
