import { createMulberry32 } from "@/lib/create-mulberry32";

export type Rng = {
  next(): number;
  uniform(min: number, max: number): number;
  int(min: number, max: number): number;
  normal(mean: number, sd: number): number;
  chance(probability: number): boolean;
  poisson(mean: number): number;
};

/** Tiny, fast and good enough for a simulation; the same seed always gives the same run. */
export function createRng(seed: number): Rng {
  // The seed is mixed first, as it always was, so every seed still gives the run it gave.
  const next = createMulberry32((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0);
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    normal: (mean, sd) => {
      const u = 1 - next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    chance: (probability) => next() < probability,
    poisson: (mean) => {
      // Knuth's method is exact and cheap for the small per-tick means used here.
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k += 1;
      return k;
    },
  };
  return rng;
}
