/**
 * mulberry32: a tiny seeded PRNG, uniform in [0, 1). Wherever the same seed must give the same
 * numbers (forecast resampling, the simulator, benches, tests), Math.random would not.
 */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
