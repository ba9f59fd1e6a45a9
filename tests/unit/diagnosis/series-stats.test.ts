import { describe, expect, it } from "vitest";
import { createMulberry32 } from "@/lib/create-mulberry32";
import { findLargestRise, findRises } from "@/lib/diagnosis/series-stats";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

const series = (values: readonly number[]): MemoryPoint[] => values.map((valueMb, i) => ({ t: i * 15_000, valueMb }));

/** The largest rise by its definition: every pair of samples at most `windowMs` apart. */
function bruteLargestRise(samples: readonly MemoryPoint[], windowMs: number): number {
  let best = 0;
  for (let j = 0; j < samples.length; j += 1)
    for (let i = 0; i <= j; i += 1) if (samples[j].t - samples[i].t <= windowMs) best = Math.max(best, samples[j].valueMb - samples[i].valueMb);
  return best;
}

describe("findLargestRise", () => {
  it("finds the largest rise within the window, as comparing every pair does", () => {
    const next = createMulberry32(7);
    for (let round = 0; round < 50; round += 1) {
      let level = 1000;
      const samples = series(Array.from({ length: 120 }, () => (level += (next() - 0.5) * 200 + (next() < 0.05 ? (next() - 0.5) * 1500 : 0))));
      for (const windowMs of [60_000, 300_000, Infinity]) expect(findLargestRise({ samples, windowMs }).riseMb).toBeCloseTo(bruteLargestRise(samples, windowMs), 6);
    }
  });
});

describe("findRises", () => {
  it("reports a plateau once, at its first sample", () => {
    const rises = findRises({ samples: series([100, 100, 900, 900, 900, 900]), windowMs: 300_000 });
    expect(rises).toEqual([{ riseMb: 800, fromT: 15_000, toT: 30_000 }]);
  });

  it("keeps two jumps minutes apart with a fall between as two, each from its own low", () => {
    const rises = findRises({ samples: series([100, 1000, 1000, 200, 200, 900, 900]), windowMs: 300_000 });
    expect(rises).toEqual([
      { riseMb: 900, fromT: 0, toT: 15_000 },
      { riseMb: 700, fromT: 60_000, toT: 75_000 },
    ]);
  });

  it("reads a climb with a small dip on the way up as one climb from its start", () => {
    const rises = findRises({ samples: series([100, 500, 450, 900, 900]), windowMs: 300_000 });
    expect(rises.at(-1)).toEqual({ riseMb: 800, fromT: 0, toT: 45_000 });
  });
});
