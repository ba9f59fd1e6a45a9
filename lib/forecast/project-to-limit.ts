import type { MemoryForecast } from "./forecast-memory";
import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";

export type ProjectToLimitOptions = {
  forecast: MemoryForecast;
  stepMs?: number;
  /** A limit weeks away would stretch the chart's time axis; stop the line here. */
  horizonMs?: number;
};

/**
 * Points for the chart's dashed line: from the fitted line's level now along its Theil–Sen
 * slope to the limit (or the horizon), one point per step plus the exact end.
 * Empty when there is nothing to project.
 */
export function projectToLimit({ forecast, stepMs = fiveMinutesMs, horizonMs = 24 * 60 * 60 * 1000 }: ProjectToLimitOptions): MemoryPoint[] {
  if (!(stepMs > 0)) throw new RangeError("stepMs must be above 0");
  const { currentAt, projectedFromMb: fromMb, timeToLimitMinutes, growthMbPer5m, limitMb } = forecast;
  const slope = growthMbPer5m.theilSen;
  if (currentAt === null || fromMb === null || slope === null || !timeToLimitMinutes) return [];
  const perMs = slope / fiveMinutesMs;
  const endOffset = Math.min(timeToLimitMinutes * 60_000, horizonMs);
  const points: MemoryPoint[] = [];
  for (let offset = 0; offset < endOffset; offset += stepMs) {
    points.push({ t: currentAt + offset, valueMb: fromMb + perMs * offset });
  }
  const reachesLimit = endOffset === timeToLimitMinutes * 60_000;
  points.push({ t: currentAt + endOffset, valueMb: reachesLimit ? limitMb : fromMb + perMs * endOffset });
  return points;
}
