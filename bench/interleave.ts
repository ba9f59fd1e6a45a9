import { percentile } from "@/bench/bench-database";

export type Timed = { p50: number; p95: number; max: number; runs: number };

const round2 = (v: number) => Math.round(v * 100) / 100;

export function summarize(times: number[]): Timed {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round2(percentile(sorted, 50)), p95: round2(percentile(sorted, 95)), max: round2(sorted.at(-1) ?? NaN), runs: sorted.length };
}

/**
 * Times several contenders in one loop, one call each per round, the order alternating each
 * round: a burst of load from elsewhere on the machine hits every contender alike, so their
 * ratio holds even when the absolute figures move.
 */
export async function interleave<K extends string>(options: { rounds: number; warmup: number; contenders: Record<K, () => Promise<unknown>> }): Promise<Record<K, Timed>> {
  const names = Object.keys(options.contenders) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const start = performance.now();
      await options.contenders[name]();
      if (round >= options.warmup) times[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(times[n])])) as Record<K, Timed>;
}
