import { timeZoneOffsetMs } from "@/lib/format";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 7 * 24 * HOUR];

/**
 * Round-time ticks for a time axis (every 10 min, every 6 h, every day at local midnight…),
 * at most `maxTicks` of them, aligned to the viewer's zone so that "00:00" is their midnight.
 * The chart may drop some where labels would collide (recharts' minTickGap).
 */
export function timeTicks(options: { from: number; to: number; maxTicks: number; timeZone: string }): number[] {
  const { from, to, maxTicks } = options;
  if (!(to > from) || maxTicks < 1) return [];
  const step = STEPS.find((s) => (to - from) / s <= maxTicks) ?? STEPS.at(-1)!;
  const offset = timeZoneOffsetMs(from, options.timeZone);
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offset) / step) * step - offset; t <= to; t += step) ticks.push(t);
  return ticks;
}
