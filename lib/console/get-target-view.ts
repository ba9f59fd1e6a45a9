import "server-only";
import type { MemoryDiagnosis } from "@/lib/diagnosis/diagnose-memory";
import { diagnoseTarget } from "@/lib/diagnosis/diagnose-target";
import { forecastMemory, type MemoryForecast } from "@/lib/forecast/forecast-memory";
import { projectToLimit } from "@/lib/forecast/project-to-limit";
import { readMemorySeries, type MemorySeries } from "@/lib/metrics/read-memory-series";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CHART_POINTS, RANGE_WORDS, RANGES, type RangeKey } from "@/lib/console/ranges";
import { readComponentStack, type ComponentStackPoint } from "@/lib/console/read-component-stack";
import { pickConsumerCallout, type ConsumerCallout } from "@/lib/console/pick-consumer-callout";
import { readConsumerGrowth, type ConsumerGrowth } from "@/lib/console/read-consumer-growth";
import { readSnapshots, type Snapshots } from "@/lib/console/read-snapshots";
import { selectInvestigation } from "@/lib/console/select-investigation";
import { listActionMarkers } from "@/lib/remediation/list-action-markers";
import { levelOf, type AlertThresholds } from "@/lib/alerts/alert-thresholds";
import type { Severity } from "@/lib/alerts/default-rules";
import { getAlertOverview, type TargetAlertSummary } from "@/lib/alerts/get-alert-overview";
import { defaultThresholds, loadAlertThresholds } from "@/lib/alerts/load-alert-thresholds";
import type { TargetAlertState } from "@/lib/alerts/target-alert-state";
import { describeDataState, targetStateOf, type DataState } from "@/lib/console/describe-data-state";
import { groupChartMarkers, type ChartMarkerGroup } from "@/lib/console/group-chart-markers";
import { describeScrapeWarning } from "@/lib/console/describe-scrape-warning";
import { planChartAxis, type ChartAxis } from "@/lib/console/plan-chart-axis";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { resolveDrivers } from "@/lib/remediation/drivers/resolve-drivers";
import { env, isDemoMode } from "@/lib/env";
import { demoDriversFor, targetCapabilities, type TargetCapabilities } from "@/lib/targets/target-capabilities";

export type TargetView = {
  target: {
    slug: string;
    name: string;
    baseUrl: string;
    limitMb: number;
    lastScrapeAt: string | null;
    lastScrapeOk: boolean | null;
    lastScrapeError: string | null;
    /** Said on the page when the last scrape stored samples but not all of them (a cap, an endpoint). */
    scrapeWarning: string | null;
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
  /** The consumer the callout names: the one explaining a spike's jump, or the one growing most. */
  consumerCallout: ConsumerCallout | null;
  snapshots: Snapshots;
  diagnosis: MemoryDiagnosis;
  /** Actions on the target in the range, drawn on the chart; those too close to tell apart are one group. */
  markers: ChartMarkerGroup[];
  /** The chart's time axis: from the first sample shown to the end of the projection. */
  axis: ChartAxis;
  /** Memory used / limit × 100 at the newest sample. */
  percent: number | null;
  /** The threshold the newest sample is above, null below SEV-2. */
  level: Severity | null;
  thresholds: AlertThresholds;
  /** The evaluated alert (null before the first evaluation) and the state the page shows. */
  alert: Pick<TargetAlertSummary, "state" | "since" | "noData" | "stale" | "silencedUntil" | "openIncidentId" | "incident"> | null;
  state: TargetAlertState;
  data: DataState;
};

// Markers closer than this share of the axis would draw their labels over each other.
const MARKER_GROUP_SHARE = 1 / 40;

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
  // The diagnosis and the forecast look at the same last three hours (diagnoseTarget).
  const reading = readSnapshots({ targetId: target.id });
  // The consumers' growth needs the newest top list; it starts as soon as that is read, beside the rest.
  const growth = reading.then((snapshots) => readConsumerGrowth({ targetId: target.id, top: snapshots.top?.data ?? null, from, to: now, now }));
  const [memory, components, snapshots, consumers, { diagnosis, total }, markers, alerts, thresholds] = await Promise.all([
    readMemorySeries({ targetId: target.id, from, to: now, maxPoints: CHART_POINTS, now }),
    readComponentStack({ targetId: target.id, from, to: now, buckets: 240, now }),
    reading,
    growth,
    diagnoseTarget({ targetId: target.id, limitMb: target.memoryLimitMb, now }),
    listActionMarkers({ targetId: target.id, from, to: now }),
    getAlertOverview({ targetIds: [target.id], now }),
    loadAlertThresholds({ targetIds: [target.id] }),
  ]);
  const forecast = forecastMemory({ samples: total, limitMb: target.memoryLimitMb, now: now.getTime(), sinceT: diagnosis.mitigation?.at ?? null });
  const lines = thresholds.get(target.id) ?? defaultThresholds();
  const summary = alerts.get(target.id) ?? null;
  const newest = memory.points.at(-1) ?? null;
  const staleAfterMs = lines["SEV-2"].lookbackSeconds * 1000;
  const plan = planChartAxis({ rangeMs: RANGES[options.range], now: now.getTime(), firstPointAt: memory.points[0]?.t ?? null });
  const projection = projectToLimit({ forecast, horizonMs: plan.horizonMs });
  const axis = { from: plan.from, to: Math.max(now.getTime(), projection.at(-1)?.t ?? 0) };
  const lastScrapeAt = target.lastScrapeAt?.toISOString() ?? null;
  return {
    target: {
      slug: target.slug,
      name: target.name,
      baseUrl: target.baseUrl,
      limitMb: target.memoryLimitMb,
      lastScrapeAt,
      lastScrapeOk: target.lastScrapeOk,
      lastScrapeError: target.lastScrapeError,
      scrapeWarning: describeScrapeWarning(target),
      kind: target.kind,
      limitSource: target.memoryLimitSource,
      provisionedFrom: target.provisionedFrom,
    },
    capabilities: targetCapabilities({
      kind: target.kind,
      drivers: resolveDrivers({
        baseUrl: target.baseUrl,
        settings: target.remediationSettings,
        demo: demoDriversFor(target.kind, isDemoMode(env())),
        commandDrivers: configuredCommandDrivers(),
      }),
    }),
    range: options.range,
    generatedAt: now.toISOString(),
    memory,
    forecast,
    projection,
    components,
    consumers,
    consumerCallout: pickConsumerCallout({ consumers, diagnosis }),
    snapshots: selectInvestigation(snapshots),
    diagnosis,
    markers: groupChartMarkers({ markers, withinMs: (axis.to - axis.from) * MARKER_GROUP_SHARE }),
    axis,
    percent: forecast.currentMb === null ? null : (forecast.currentMb / target.memoryLimitMb) * 100,
    level: forecast.currentMb === null ? null : levelOf(forecast.currentMb / target.memoryLimitMb, lines),
    thresholds: lines,
    alert: summary && {
      state: summary.state,
      since: summary.since,
      noData: summary.noData,
      stale: summary.stale,
      silencedUntil: summary.silencedUntil,
      openIncidentId: summary.openIncidentId,
      incident: summary.incident,
    },
    state: targetStateOf({ alert: summary, lastSampleAt: forecast.currentAt, staleAfterMs, now: now.getTime() }),
    data: describeDataState({
      lastSampleAt: newest?.t ?? null,
      lastScrapeAt,
      lastScrapeOk: target.lastScrapeOk,
      lastScrapeError: target.lastScrapeError,
      window: RANGE_WORDS[options.range],
      staleAfterMs,
      now: now.getTime(),
    }),
  };
}
