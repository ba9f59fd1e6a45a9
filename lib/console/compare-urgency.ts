import type { MemoryForecast } from "@/lib/forecast/forecast-memory";

export type UrgencyFacts = {
  /** Alert state, most severe first (0 = SEV-1). */
  stateRank: number;
  forecast: Pick<MemoryForecast, "timeToLimitMinutes" | "notProjected">;
  percent: number | null;
};

/**
 * The overview's order: alert state first; within a state, services projected to reach their
 * limit (the interval excludes zero growth) before any that are not, soonest first; the rest by
 * how full they are. A flat or falling service never ranks above one heading for its limit.
 */
export function compareUrgency(a: UrgencyFacts, b: UrgencyFacts): number {
  if (a.stateRank !== b.stateRank) return a.stateRank - b.stateRank;
  const aMinutes = a.forecast.notProjected === null ? a.forecast.timeToLimitMinutes : null;
  const bMinutes = b.forecast.notProjected === null ? b.forecast.timeToLimitMinutes : null;
  if ((aMinutes === null) !== (bMinutes === null)) return aMinutes === null ? 1 : -1;
  if (aMinutes !== null && bMinutes !== null && aMinutes !== bMinutes) return aMinutes - bMinutes;
  return (b.percent ?? -1) - (a.percent ?? -1);
}
