import { formatMinutes, formatSignedMb, formatTick, formatTime } from "@/lib/format";
import type { MemoryForecast } from "./forecast-memory";

type ForecastFacts = Pick<MemoryForecast, "timeToLimitMinutes" | "timeToLimitRange" | "notProjected" | "window" | "growthMbPer5m">;

/** "12.1 h (9.8–15.9 h)", "not projected", "now". */
export function describeTimeToLimit(forecast: ForecastFacts): string {
  if (forecast.timeToLimitMinutes === null) return "not projected";
  if (forecast.timeToLimitMinutes === 0) return "now";
  const range = forecast.timeToLimitRange;
  if (!range || formatMinutes(range.soonestMinutes) === formatMinutes(range.latestMinutes)) return formatMinutes(forecast.timeToLimitMinutes);
  return `${formatMinutes(forecast.timeToLimitMinutes)} (${formatMinutes(range.soonestMinutes)}–${formatMinutes(range.latestMinutes)})`;
}

/**
 * Why it is not projected, or the growth's interval, and the window the line was fitted on, in
 * the viewer's time zone (bucket bounds are whole minutes, so no seconds).
 */
export function describeForecastFit(forecast: ForecastFacts, timeZone: string): string {
  const w = forecast.window;
  const since = w.sinceT !== null ? ` (since the drop at ${formatTime(w.sinceT, false, timeZone)})` : "";
  const window = `fitted on ${w.bucketCount} five-minute medians, ${formatTick(w.fromT, false, timeZone)}–${formatTick(w.toT, false, timeZone)}${since}`;
  const { low, high } = forecast.growthMbPer5m;
  const interval = low !== null && high !== null ? `growth ${formatSignedMb(low, 1)} to ${formatSignedMb(high, 1)} /5 min (${Math.round(w.confidence * 100)} % interval)` : null;
  if (forecast.notProjected === "insufficient_data") return `not projected: fewer than 3 whole five-minute buckets${w.sinceT !== null ? " since the last drop" : ""} (${window})`;
  if (forecast.notProjected === "not_growing") return `not projected: ${interval ?? "the growth interval"} includes zero; ${window}`;
  if (forecast.notProjected === "negligible_growth") return `not projected: growth is negligible; ${interval}; ${window}`;
  return `${interval}; ${window}`;
}
