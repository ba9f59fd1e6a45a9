import { createMulberry32 } from "@/lib/create-mulberry32";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A service's memory in MB the way it looks in production: a daily traffic cycle, a garbage
 * collector's sawtooth, a slow leak that a restart resets every few days, and rare one-sample
 * spikes (a large request) that a chart must not average away.
 */
export function generateMemoryShape(options: { endMs: number; days: number; stepMs: number; seed?: number }): MemoryPoint[] {
  // Seeded, so both stores get the same series run after run.
  const random = createMulberry32(options.seed ?? 15);
  const count = Math.round((options.days * DAY) / options.stepMs);
  const start = options.endMs - (count - 1) * options.stepMs;
  const points: MemoryPoint[] = [];
  let leakMb = 0;
  let sinceRestart = 0;
  let restartAfter = (3 + random() * 2) * DAY;
  let heapMb = 0;
  for (let i = 0; i < count; i++) {
    const t = start + i * options.stepMs;
    sinceRestart += options.stepMs;
    if (sinceRestart >= restartAfter) {
      leakMb = 0;
      sinceRestart = 0;
      restartAfter = (3 + random() * 2) * DAY;
    }
    leakMb += (options.stepMs / HOUR) * 9; // ~9 MB/h leak
    heapMb += 4 + random() * 6;
    if (heapMb > 180 || random() < 0.01) heapMb *= 0.2; // a major collection
    const hourOfDay = ((t % DAY) / HOUR + 24) % 24;
    const traffic = 260 * Math.max(0, Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI));
    const spike = random() < 0.0008 ? 600 + random() * 500 : 0;
    const noise = (random() - 0.5) * 12;
    const valueMb = Math.round((1200 + traffic + leakMb + heapMb + spike + noise) * 100) / 100;
    points.push({ t, valueMb });
  }
  return points;
}
