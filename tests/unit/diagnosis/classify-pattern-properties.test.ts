import fc from "fast-check";
import { describe, it } from "vitest";
import { classifyPattern, type MemoryPattern } from "@/lib/diagnosis/classify-pattern";
import { defaultDiagnosisThresholds } from "@/lib/diagnosis/diagnosis-thresholds";
import type { MemoryPoint } from "@/lib/metrics/memory-point";

const start = Date.UTC(2025, 0, 1, 12, 0, 0);
const minute = 60_000;
const limitMb = 4096;
const floorMb = defaultDiagnosisThresholds.minRiseFractionOfLimit * limitMb;

/**
 * Shapes whose answer is not in doubt: every size is at least twice what its rule needs (the
 * floor and the noise factor of docs/decisions/0003), so a property failure is the classifier's
 * fault, not a borderline input's.
 */
type Shape =
  | { kind: "flat"; level: number; sigma: number; seed: number }
  | { kind: "leak"; level: number; sigma: number; seed: number; riseMb: number }
  | { kind: "step"; level: number; sigma: number; seed: number; jumpMb: number; atMinute: number }
  /** A spike that let go again after holding for `holdMinutes` (a data import finishing). */
  | { kind: "transient"; level: number; sigma: number; seed: number; jumpMb: number; atMinute: number; holdMinutes: number }
  /** A leak with bursts of work on top that come and go within `burstMinutes`. */
  | { kind: "bursty-leak"; level: number; sigma: number; seed: number; riseMb: number; burstMb: number; burstMinutes: number; everyMinutes: number };

const expected: Record<Shape["kind"], MemoryPattern> = { flat: "flat", leak: "gradual", step: "spike", transient: "spike", "bursty-leak": "gradual" };

const sigmaArb = fc.double({ min: 2, max: 40, noNaN: true });
const levelArb = fc.double({ min: 800, max: 1800, noNaN: true });
const seedArb = fc.integer({ min: 1, max: 2 ** 30 });
/** The fields every shape has, drawn the same way for all of them. */
const commonArbs = { level: levelArb, sigma: sigmaArb, seed: seedArb };
const factorArb = (max: number) => fc.double({ min: 2, max, noNaN: true });
// Each size is `factor` (at least 2) times what its rule needs: the floor, or a multiple of the noise.
const rising = <T extends { sigma: number; factor: number }>(arb: fc.Arbitrary<T>) =>
  arb.map(({ factor, ...s }) => ({ ...s, riseMb: factor * Math.max(floorMb, 4 * s.sigma) }));
const jumping = <T extends { sigma: number; factor: number }>(arb: fc.Arbitrary<T>) =>
  arb.map(({ factor, ...s }) => ({ ...s, jumpMb: factor * Math.max(floorMb, 8 * s.sigma) }));
const shapeOnlyArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ kind: fc.constant("flat" as const), ...commonArbs }),
  rising(fc.record({ kind: fc.constant("leak" as const), ...commonArbs, factor: factorArb(6) })),
  jumping(fc.record({ kind: fc.constant("step" as const), ...commonArbs, factor: factorArb(4), atMinute: fc.integer({ min: 10, max: 45 }) })),
  jumping(
    fc.record({
      kind: fc.constant("transient" as const),
      ...commonArbs,
      factor: factorArb(4),
      atMinute: fc.integer({ min: 10, max: 35 }),
      holdMinutes: fc.integer({ min: 10, max: 15 }),
    }),
  ),
  rising(
    fc.record({
      kind: fc.constant("bursty-leak" as const),
      ...commonArbs,
      factor: factorArb(6),
      burstMb: fc.double({ min: 100, max: 400, noNaN: true }),
      burstMinutes: fc.integer({ min: 1, max: 2 }),
      everyMinutes: fc.integer({ min: 12, max: 25 }),
    }),
  ),
);

/**
 * Memory wanders between scrapes (work comes and goes over a minute or two), so beside white
 * noise the shapes get noise that wanders: an Ornstein–Uhlenbeck process with a 2-minute time
 * constant, stepped every 5 s. Its size `sigma` is its stationary standard deviation.
 */
const wanderTauMs = 2 * minute;
const wanderCache = new Map<number, Float64Array>();
function wanderAt(seed: number, t: number): number {
  let path = wanderCache.get(seed);
  if (!path) {
    const a = Math.exp(-5_000 / wanderTauMs);
    path = new Float64Array(721);
    path[0] = noiseAt(seed, start);
    for (let k = 1; k < path.length; k += 1) path[k] = a * path[k - 1] + Math.sqrt(1 - a * a) * noiseAt(seed, start + k * 5_000);
    wanderCache.set(seed, path);
  }
  return path[Math.round((t - start) / 5_000)];
}

const shapeArb: fc.Arbitrary<Shape & { wander: boolean }> = fc.tuple(shapeOnlyArb, fc.boolean()).map(([shape, wander]) => ({ ...shape, wander }));

/** Normal noise that depends on the sample's time only, so a series sampled at 5 s and at 60 s shares it. */
function noiseAt(seed: number, t: number): number {
  const uniform = (salt: number) => {
    let z = (Math.imul(seed ^ salt, 0x9e3779b1) ^ Math.floor(t / 1000)) >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (((z ^ (z >>> 16)) >>> 0) + 1) / 4294967297;
  };
  return Math.sqrt(-2 * Math.log(uniform(0x1234))) * Math.cos(2 * Math.PI * uniform(0x5678));
}

function valueAt(shape: Shape & { wander: boolean }, t: number): number {
  const m = (t - start) / minute;
  const noise = shape.wander ? wanderAt(shape.seed, t) : noiseAt(shape.seed, t);
  return shape.level + shapeAt(shape, m) + shape.sigma * noise;
}

function shapeAt(shape: Shape, m: number): number {
  switch (shape.kind) {
    case "flat":
      return 0;
    case "leak":
      return (shape.riseMb * m) / 60;
    case "step":
      return m >= shape.atMinute ? shape.jumpMb : 0;
    case "transient":
      return m >= shape.atMinute && m < shape.atMinute + shape.holdMinutes ? shape.jumpMb : 0;
    case "bursty-leak":
      return (shape.riseMb * m) / 60 + (m % shape.everyMinutes >= shape.everyMinutes - shape.burstMinutes ? shape.burstMb : 0);
  }
}

/** One hour of the shape, one sample every `spacingMs`. */
function sample(shape: Shape & { wander: boolean }, spacingMs = 15_000): MemoryPoint[] {
  return Array.from({ length: Math.floor((60 * minute) / spacingMs) + 1 }, (_, i) => {
    const t = start + i * spacingMs;
    return { t, valueMb: valueAt(shape, t) };
  });
}

const patternOf = (samples: readonly MemoryPoint[], limit = limitMb) =>
  classifyPattern({ samples, limitMb: limit, thresholds: defaultDiagnosisThresholds }).pattern;

const runs = { numRuns: 100, seed: 20261201 };
const timeout = 120_000;

describe("classification properties", () => {
  it("answers each clear shape as expected (the baseline the invariances compare against)", () => {
    fc.assert(
      fc.property(shapeArb, (shape) => patternOf(sample(shape)) === expected[shape.kind]),
      runs,
    );
  }, timeout);

  it("does not change when a constant is added (the series staying below 90 % of the limit)", () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: -700, max: 1200, noNaN: true }), (shape, offset) => {
        const samples = sample(shape);
        const shifted = samples.map((s) => ({ ...s, valueMb: s.valueMb + offset }));
        fc.pre(Math.max(...shifted.map((s) => s.valueMb)) < 0.9 * limitMb);
        return patternOf(shifted) === patternOf(samples);
      }),
      runs,
    );
  }, timeout);

  it("does not change when memory and its limit are scaled by the same factor", () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (shape, factor) => {
        const samples = sample(shape);
        const scaled = samples.map((s) => ({ ...s, valueMb: s.valueMb * factor }));
        return patternOf(scaled, limitMb * factor) === patternOf(samples);
      }),
      runs,
    );
  }, timeout);

  it("does not change with the scrape spacing, from 5 s to 60 s", () => {
    fc.assert(
      fc.property(shapeArb, fc.constantFrom(5_000, 10_000, 30_000, 60_000), (shape, spacingMs) => patternOf(sample(shape, spacingMs)) === patternOf(sample(shape))),
      runs,
    );
  }, timeout);

  it("does not change when one sample is missing", () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 0, max: 240 }), (shape, index) => {
        const samples = sample(shape);
        return patternOf(samples.filter((_, i) => i !== index)) === patternOf(samples);
      }),
      runs,
    );
  }, timeout);
});
