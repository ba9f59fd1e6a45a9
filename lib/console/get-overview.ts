import "server-only";
import { db } from "@/lib/db";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import { forecastMemory, type MemoryForecast } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { downsampleLttb } from "@/lib/metrics/lttb";
import { readSeriesByTarget } from "@/lib/metrics/read-series-by-target";

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
  forecast: Pick<MemoryForecast, "growthMbPer5m" | "timeToLimitMinutes" | "notProjected" | "limitWithinHour">;
  lastScrapeAt: string | null;
  lastScrapeOk: boolean | null;
  lastScrapeError: string | null;
  /** The HighMemoryUsage alert's effective state; null until alert evaluation has run for it. */
  alert: { state: "ok" | "pending" | "SEV-2" | "SEV-1" | "no_data"; since: string | null; silencedUntil: string | null; openIncidentId: number | null } | null;
};

/** Every target with its last hour: two queries whatever the number of targets. */
export async function getOverview(options: { now?: Date } = {}): Promise<OverviewTarget[]> {
  const now = options.now ?? new Date();
  const from = new Date(now.getTime() - HOUR);
  const [targets, byTarget, alerts] = await Promise.all([
    db.target.findMany({
      select: { id: true, slug: true, name: true, memoryLimitMb: true, enabled: true, lastScrapeAt: true, lastScrapeOk: true, lastScrapeError: true },
      orderBy: { name: "asc" },
    }),
    readSeriesByTarget({ from, to: now, now }),
    getAlertOverview({ now }),
  ]);
  return targets.map((target) => {
    const samples = byTarget.get(target.id) ?? [];
    const latest = samples.at(-1) ?? null;
    const forecast = forecastMemory({ samples, limitMb: target.memoryLimitMb });
    return {
      id: target.id,
      slug: target.slug,
      name: target.name,
      limitMb: target.memoryLimitMb,
      enabled: target.enabled,
      currentMb: latest?.valueMb ?? null,
      currentAt: latest ? new Date(latest.t).toISOString() : null,
      percent: latest ? (latest.valueMb / target.memoryLimitMb) * 100 : null,
      sparkline: downsampleLttb({ points: samples, maxPoints: 60 }),
      forecast: {
        growthMbPer5m: forecast.growthMbPer5m,
        timeToLimitMinutes: forecast.timeToLimitMinutes,
        notProjected: forecast.notProjected,
        limitWithinHour: forecast.limitWithinHour,
      },
      lastScrapeAt: target.lastScrapeAt?.toISOString() ?? null,
      lastScrapeOk: target.lastScrapeOk,
      lastScrapeError: target.lastScrapeError,
      alert: alerts.get(target.id) ?? null,
    };
  });
}
