import "server-only";
import type { AlertThresholds } from "@/lib/alerts/alert-thresholds";
import { defaultThresholds, loadAlertThresholds } from "@/lib/alerts/load-alert-thresholds";
import { groupChartMarkers, type ChartMarkerGroup } from "@/lib/console/group-chart-markers";
import type { ChartAxis } from "@/lib/console/plan-chart-axis";
import { CHART_POINTS } from "@/lib/console/ranges";
import type { ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { readMemorySeries } from "@/lib/metrics/read-memory-series";
import { readRawSeries } from "@/lib/metrics/read-raw-series";
import { readSeriesByLabels } from "@/lib/metrics/read-series-by-labels";
import { labelValue, METRIC } from "@/lib/metrics/sample";
import type { ActionView } from "@/lib/remediation/action-view";
import { listConfigChanges } from "./list-config-changes";
import type { ReviewIncident } from "./plan-review";
import { planReviewMarkers, reviewWindowOf, type ConfigChange } from "./plan-review-chart";
import { backtestLinkOf, limitsLinkOf } from "./plan-review-links";
import { proposeMemoryLimits, type MemoryLimitsProposal } from "./propose-memory-limits";
import type { RootCause } from "./review-content";
import { evidenceOf, suggestRootCause, summarizeReviewDiagnosis, type ReviewDiagnosis } from "./summarize-review-diagnosis";

export type ReviewChart = { points: MemoryPoint[]; limitMb: number; thresholds: AlertThresholds; axis: ChartAxis; markers: ChartMarkerGroup[]; multiDay: boolean };

/** What the data says about an incident, beside what people recorded. */
export type ReviewEvidence = {
  chart: ReviewChart;
  diagnoses: { atOpen: ReviewDiagnosis | null; atPeak: ReviewDiagnosis | null };
  /** The highest raw sample in the window. */
  peak: MemoryPoint | null;
  limits: MemoryLimitsProposal | null;
  /** Threshold and settings edits in the window, from the audit trail. */
  changes: ConfigChange[];
  evidence: string[];
  suggestedRootCause: RootCause | null;
  links: { backtest: string; limits: string };
};

const DIAGNOSIS_WINDOW_MS = 3 * 3_600_000;
// Markers closer than this share of the axis would draw their labels over each other (as on the target page).
const MARKER_GROUP_SHARE = 1 / 40;

async function diagnoseAt(options: { targetId: number; limitMb: number; at: number; now: Date }): Promise<ReviewDiagnosis | null> {
  const from = new Date(options.at - DIAGNOSIS_WINDOW_MS);
  const to = new Date(options.at);
  const [totals, parts] = await Promise.all([
    readSeriesByLabels({ targetId: options.targetId, metricName: METRIC.systemUsed, from, to, now: options.now }),
    readSeriesByLabels({ targetId: options.targetId, metricName: METRIC.componentUsed, from, to, now: options.now }),
  ]);
  const total = totals.get("") ?? [];
  if (total.length === 0) return null;
  const components: ComponentSeries = {};
  for (const [labels, series] of parts) {
    const key = labelValue(labels, "component");
    if (key) (components as Record<string, MemoryPoint[]>)[key] = series;
  }
  return summarizeReviewDiagnosis({ at: options.at, total, components, limitMb: options.limitMb });
}

/** The review's chart, diagnoses, limits proposal and links over the incident's window. */
export async function readReviewEvidence(options: {
  incident: ReviewIncident & { id: number; target: { id: number; slug: string } };
  actions: ActionView[];
  limitMb: number;
  now: Date;
}): Promise<ReviewEvidence> {
  const { incident, limitMb, now } = options;
  const targetId = incident.target.id;
  const window = reviewWindowOf({ openedAt: incident.openedAt, resolvedAt: incident.resolvedAt, now: now.getTime() });
  const from = new Date(window.from);
  const to = new Date(window.to);
  const [series, raw, changes, thresholds] = await Promise.all([
    readMemorySeries({ targetId, from, to, maxPoints: CHART_POINTS, now }),
    readRawSeries({ targetId, from, to }),
    listConfigChanges({ targetId, from, to }),
    loadAlertThresholds({ targetIds: [targetId] }),
  ]);
  const opened = Date.parse(incident.openedAt);
  // The highest sample the chart shows (a pending alert's climb before the opening counts), the
  // same peak the limits are proposed from, so the page names one peak.
  const peak = raw.reduce<MemoryPoint | null>((top, p) => (top === null || p.valueMb > top.valueMb ? p : top), null);
  const [atOpen, atPeak] = await Promise.all([
    diagnoseAt({ targetId, limitMb, at: opened, now }),
    peak ? diagnoseAt({ targetId, limitMb, at: peak.t, now }) : Promise.resolve(null),
  ]);
  const lines = thresholds.get(targetId) ?? defaultThresholds();
  const markers = planReviewMarkers({ events: incident.events, actions: options.actions, changes, window });
  return {
    chart: {
      points: series.points,
      limitMb,
      thresholds: lines,
      axis: window,
      markers: groupChartMarkers({ markers, withinMs: (window.to - window.from) * MARKER_GROUP_SHARE, noun: "events" }),
      multiDay: window.to - window.from > 86_400_000 || new Date(window.from).getUTCDate() !== new Date(window.to).getUTCDate(),
    },
    diagnoses: { atOpen, atPeak },
    peak,
    limits: proposeMemoryLimits({ service: incident.target.slug, values: raw.map((p) => p.valueMb) }),
    changes,
    evidence: evidenceOf({ atOpen, atPeak, limitMb }),
    suggestedRootCause: suggestRootCause([atPeak, atOpen]),
    links: { backtest: backtestLinkOf({ slug: incident.target.slug, window, thresholds: lines }), limits: limitsLinkOf(incident.id) },
  };
}
