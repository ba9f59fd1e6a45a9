import "server-only";
import { db } from "@/lib/db";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import { levelOf, type AlertThresholds } from "@/lib/alerts/alert-thresholds";
import type { Severity } from "@/lib/alerts/default-rules";
import { defaultThresholds, loadAlertThresholds } from "@/lib/alerts/load-alert-thresholds";
import type { TargetAlertState } from "@/lib/alerts/target-alert-state";
import { describeDataState, targetStateOf, type DataState } from "@/lib/console/describe-data-state";
import { findMitigationsIn } from "@/lib/diagnosis/judge-mitigations";
import { forecastMemory, forecastWindowAt, type MemoryForecast } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { downsampleLttb } from "@/lib/metrics/lttb";
import { readSeriesByTarget } from "@/lib/metrics/read-series-by-target";
import { listInterventions } from "@/lib/remediation/list-interventions";

const HOUR = 3_600_000;

export type OverviewTarget = {
  id: number;
  slug: string;
  name: string;
  limitMb: number;
  enabled: boolean;
  currentMb: number | null;
  currentAt: string | null;
  percent: number | null;
  sparkline: MemoryPoint[];
  forecast: Pick<MemoryForecast, "growthMbPer5m" | "timeToLimitMinutes" | "timeToLimitRange" | "notProjected" | "limitWithinHour" | "window">;
  lastScrapeAt: string | null;
  lastScrapeOk: boolean | null;
  lastScrapeError: string | null;
  /** The HighMemoryUsage alert's effective state; null until alert evaluation has run for it. */
  alert: { state: TargetAlertState; since: string | null; silencedUntil: string | null; openIncidentId: number | null } | null;
  /** What the card shows: the alert's state, or what the data says before the first evaluation. */
  state: TargetAlertState;
  /** The threshold the current reading is above (tones the percentage), null below SEV-2. */
  level: Severity | null;
  thresholds: AlertThresholds;
  data: DataState;
};

/** Every target with its last hour (and the forecast's window): a fixed number of queries whatever the number of targets. */
export async function getOverview(options: { now?: Date } = {}): Promise<OverviewTarget[]> {
  const now = options.now ?? new Date();
  const from = new Date(forecastWindowAt({ now: now.getTime() }).fromT);
  const [targets, byTarget, alerts, thresholds] = await Promise.all([
    db.target.findMany({
      select: { id: true, slug: true, name: true, memoryLimitMb: true, enabled: true, lastScrapeAt: true, lastScrapeOk: true, lastScrapeError: true },
      orderBy: { name: "asc" },
    }),
    readSeriesByTarget({ from, to: now, now }),
    getAlertOverview({ now }),
    loadAlertThresholds(),
  ]);
  const interventions = await listInterventions({ targetIds: targets.map((t) => t.id), from, to: now });
  return targets.map((target) => {
    const samples = byTarget.get(target.id) ?? [];
    const latest = samples.at(-1) ?? null;
    // Fitted only since the last drop a recorded action caused, as on the target page.
    const sinceT = findMitigationsIn({ samples, interventions: interventions.get(target.id) ?? [], limitMb: target.memoryLimitMb }).at(-1)?.at ?? null;
    const forecast = forecastMemory({ samples, limitMb: target.memoryLimitMb, now: now.getTime(), sinceT });
    const lines = thresholds.get(target.id) ?? defaultThresholds();
    const alert = alerts.get(target.id) ?? null;
    const staleAfterMs = lines["SEV-2"].lookbackSeconds * 1000;
    const lastSampleAt = latest?.t ?? null;
    return {
      id: target.id,
      slug: target.slug,
      name: target.name,
      limitMb: target.memoryLimitMb,
      enabled: target.enabled,
      currentMb: latest?.valueMb ?? null,
      currentAt: latest ? new Date(latest.t).toISOString() : null,
      percent: latest ? (latest.valueMb / target.memoryLimitMb) * 100 : null,
      sparkline: downsampleLttb({ points: samples.filter((s) => s.t >= now.getTime() - HOUR), maxPoints: 60 }),
      forecast: {
        growthMbPer5m: forecast.growthMbPer5m,
        timeToLimitMinutes: forecast.timeToLimitMinutes,
        timeToLimitRange: forecast.timeToLimitRange,
        notProjected: forecast.notProjected,
        limitWithinHour: forecast.limitWithinHour,
        window: forecast.window,
      },
      lastScrapeAt: target.lastScrapeAt?.toISOString() ?? null,
      lastScrapeOk: target.lastScrapeOk,
      lastScrapeError: target.lastScrapeError,
      alert,
      state: targetStateOf({ alert, lastSampleAt, staleAfterMs, now: now.getTime() }),
      level: latest ? levelOf(latest.valueMb / target.memoryLimitMb, lines) : null,
      thresholds: lines,
      data: describeDataState({
        lastSampleAt,
        lastScrapeAt: target.lastScrapeAt?.toISOString() ?? null,
        lastScrapeOk: target.lastScrapeOk,
        lastScrapeError: target.lastScrapeError,
        window: "the last hour",
        staleAfterMs,
        now: now.getTime(),
      }),
    };
  });
}
