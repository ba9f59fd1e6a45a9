import "server-only";
import { db } from "@/lib/db";
import { getAlertOverview } from "@/lib/alerts/get-alert-overview";
import { findMitigationsIn } from "@/lib/diagnosis/judge-mitigations";
import { forecastMemory, forecastWindowAt, type MemoryForecast } from "@/lib/forecast/forecast-memory";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import { downsampleLttb } from "@/lib/metrics/lttb";
import { METRIC } from "@/lib/metrics/sample";
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
  alert: { state: "ok" | "pending" | "SEV-2" | "SEV-1" | "no_data"; since: string | null; silencedUntil: string | null; openIncidentId: number | null } | null;
};

/** Every target with its last hour (and the forecast's window): three queries whatever the number of targets. */
export async function getOverview(options: { now?: Date } = {}): Promise<OverviewTarget[]> {
  const now = options.now ?? new Date();
  const from = new Date(forecastWindowAt({ now: now.getTime() }).fromT);
  const [targets, rows, alerts] = await Promise.all([
    db.target.findMany({
      select: { id: true, slug: true, name: true, memoryLimitMb: true, enabled: true, lastScrapeAt: true, lastScrapeOk: true, lastScrapeError: true },
      orderBy: { name: "asc" },
    }),
    db.$queryRaw<{ target_id: number; t: number; v: number }[]>`
      SELECT target_id, (extract(epoch FROM "timestamp") * 1000)::float8 AS t, memory_used_mb AS v
      FROM metrics
      WHERE metric_name = ${METRIC.systemUsed} AND labels = '' AND "timestamp" >= ${from} AND "timestamp" <= ${now}
      ORDER BY target_id, "timestamp"`,
    getAlertOverview({ now }),
  ]);
  const interventions = await listInterventions({ targetIds: targets.map((t) => t.id), from, to: now });
  const byTarget = new Map<number, MemoryPoint[]>();
  for (const row of rows) {
    let list = byTarget.get(row.target_id);
    if (!list) byTarget.set(row.target_id, (list = []));
    list.push({ t: row.t, valueMb: row.v });
  }
  return targets.map((target) => {
    const samples = byTarget.get(target.id) ?? [];
    const latest = samples.at(-1) ?? null;
    // Fitted only since the last drop a recorded action caused, as on the target page.
    const sinceT = findMitigationsIn({ samples, interventions: interventions.get(target.id) ?? [], limitMb: target.memoryLimitMb }).at(-1)?.at ?? null;
    const forecast = forecastMemory({ samples, limitMb: target.memoryLimitMb, now: now.getTime(), sinceT });
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
      alert: alerts.get(target.id) ?? null,
    };
  });
}
