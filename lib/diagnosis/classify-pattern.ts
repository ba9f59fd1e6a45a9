import { estimateTheilSenSlope } from "@/lib/forecast/estimate-theil-sen-slope";
import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";
import type { DiagnosisThresholds } from "./diagnosis-thresholds";
import { fitLinear } from "./linear-fit";
import { estimateNoiseAtLagMb, medianOf, findLargestRise, findRises, findSteepestStepAt, measureLevelChange, smoothMedianOverTime, type Rise } from "./series-stats";

export type MemoryPattern = "gradual" | "spike" | "flat" | "insufficient_data";

export type PatternEvidence = {
  sampleCount: number;
  spanMinutes: number;
  /** Theil–Sen slope, robust to blips. */
  slopeMbPer5m: number | null;
  /** Least-squares slope and the r² of that line. */
  olsSlopeMbPer5m: number | null;
  r2: number | null;
  /** slopeMbPer5m carried over the whole window. */
  trendRiseMb: number | null;
  levelChangeMb: number | null;
  /**
   * The jump the pattern is judged on, a rise inside one spike window (blips of one sample
   * smoothed out): the most recent one that counts as a spike, else the largest. Named "largest"
   * from before a series could hold two spikes; recorded diagnoses keep the name.
   */
  largestJumpMb: number | null;
  /** Time of the steepest step inside that rise, where the rise started and where it topped. */
  largestJumpAt: number | null;
  largestJumpFrom: number | null;
  largestJumpTo: number | null;
  /** Memory at the top of the largest jump. */
  jumpTopMb: number | null;
  /** How long memory stayed at least halfway up the jump afterwards; null: it still is. */
  jumpHeldMinutes: number | null;
  /** Largest rise anywhere in the series, and the jump's share of it. */
  maxRiseMb: number | null;
  jumpShare: number | null;
  noiseMb: number | null;
  /** The rise a trend needs to count as growth here, and the jump a spike needs. */
  minRiseMb: number | null;
  minJumpMb: number | null;
  currentUsage: number | null;
};

export type ClassifyPatternOptions = { samples: readonly MemoryPoint[]; limitMb: number; thresholds: DiagnosisThresholds };

export type ClassifiedPattern = { pattern: MemoryPattern; evidence: PatternEvidence };

/** The runbook's "Is it gradual increase?" answered from data. */
export function classifyPattern({ samples, limitMb, thresholds }: ClassifyPatternOptions): ClassifiedPattern {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const evidence = measureEvidence({ samples: sorted, limitMb, thresholds });
  const spanMs = evidence.spanMinutes * 60_000;
  if (sorted.length < thresholds.minSamples || spanMs < thresholds.minSpanMs) return { pattern: "insufficient_data", evidence };

  // A step also fits a line fairly well, but one jump explains it better: spike first. The jump
  // must hold for a while (or still be up): a burst of work that came and went within a few
  // minutes did not raise the level and is not the runbook's sudden spike.
  const bigJump =
    (evidence.largestJumpMb ?? 0) >= (evidence.minJumpMb ?? Infinity) && (evidence.jumpShare ?? 0) >= thresholds.spikeShare;
  // A jump that reached the limit counts however briefly it held: the process was killed at it.
  const held = jumpHolds({ heldMinutes: evidence.jumpHeldMinutes, topMb: evidence.jumpTopMb, limitMb, thresholds });
  const isGradual =
    (evidence.trendRiseMb ?? 0) >= (evidence.minRiseMb ?? Infinity) && (evidence.r2 ?? 0) >= thresholds.minR2;
  if (bigJump && held) return { pattern: "spike", evidence };
  // Everything else, falling series included, shows no rise that stands out from noise.
  return { pattern: isGradual ? "gradual" : "flat", evidence };
}

function measureEvidence({ samples, limitMb, thresholds }: ClassifyPatternOptions): PatternEvidence {
  const n = samples.length;
  const spanMs = n > 0 ? samples[n - 1].t - samples[0].t : 0;
  const values = samples.map((s) => s.valueMb);
  // The fit is judged on 5-minute medians: bursts of work lasting a minute or two sit on top of
  // a leak without being part of it, and would otherwise hide a steady climb from r².
  const medians = bucketMedians({ samples, bucketMs: thresholds.spikeWindowMs });
  const fit = fitLinear({ xs: medians.map((s) => s.t), ys: medians.map((s) => s.valueMb) });
  const slopePerMs = estimateTheilSenSlope({ points: samples.map((s) => ({ x: s.t, y: s.valueMb })) });
  const smoothed = smoothMedianOverTime({ samples, halfWidthMs: thresholds.smoothHalfWidthMs });
  const maxRise = n > 1 ? findLargestRise({ samples: smoothed, windowMs: Infinity }) : null;
  const noiseMb = n > 2 ? estimateNoiseAtLagMb({ samples, lagMs: thresholds.noiseLagMs }) : null;
  const absoluteFloor = thresholds.minRiseFractionOfLimit * limitMb;
  const minJumpMb = noiseMb === null ? null : Math.max(absoluteFloor, thresholds.spikeNoiseFactor * noiseMb);
  const picked = n > 1 ? pickJudgedJump({ smoothed, maxRiseMb: maxRise?.riseMb ?? 0, minJumpMb, limitMb, thresholds }) : null;
  const jump = picked?.rise ?? null;
  const jumpAt = picked?.at ?? null;
  return {
    sampleCount: n,
    spanMinutes: spanMs / 60_000,
    slopeMbPer5m: slopePerMs === null ? null : slopePerMs * fiveMinutesMs,
    olsSlopeMbPer5m: fit ? fit.slope * fiveMinutesMs : null,
    r2: fit?.r2 ?? null,
    trendRiseMb: slopePerMs === null ? null : slopePerMs * spanMs,
    levelChangeMb: n > 0 ? measureLevelChange({ samples, edgeMs: thresholds.edgeMs }) : null,
    largestJumpMb: jump?.riseMb ?? null,
    largestJumpAt: jumpAt,
    largestJumpFrom: jump && jump.riseMb > 0 ? jump.fromT : null,
    largestJumpTo: jump && jump.riseMb > 0 ? jump.toT : null,
    maxRiseMb: maxRise?.riseMb ?? null,
    jumpShare: picked?.share ?? null,
    jumpTopMb: picked?.topMb ?? null,
    jumpHeldMinutes: picked ? picked.heldMinutes : 0,
    noiseMb,
    minRiseMb: noiseMb === null ? null : Math.max(absoluteFloor, thresholds.riseNoiseFactor * noiseMb),
    minJumpMb,
    currentUsage: n > 0 ? values[n - 1] / limitMb : null,
  };
}

/** A jump that held (or still holds) long enough to be the runbook's sudden spike, or reached the limit. */
function jumpHolds(options: { heldMinutes: number | null; topMb: number | null; limitMb: number; thresholds: DiagnosisThresholds }): boolean {
  const { heldMinutes, topMb, limitMb, thresholds } = options;
  return heldMinutes === null || heldMinutes * 60_000 >= thresholds.spikeMinHoldMs || (topMb ?? 0) >= thresholds.limitReachedShare * limitMb;
}

type JudgedJump = { rise: Rise; at: number | null; topMb: number | null; heldMinutes: number | null; share: number | null };

/**
 * The jump the pattern is judged on: the most recent that counts as a spike, else the largest.
 * Judging only the largest let an earlier, bigger burst that came and went hide the spike
 * happening now. A later jump counts when it is above noise, held (or reached the limit), and
 * most of the climb around it (lowest point up to its top, to highest point from its start):
 * against the whole series' largest rise, a second spike would be judged by the first one's size.
 */
function pickJudgedJump(options: { smoothed: readonly MemoryPoint[]; maxRiseMb: number; minJumpMb: number | null; limitMb: number; thresholds: DiagnosisThresholds }): JudgedJump {
  const { smoothed, maxRiseMb, minJumpMb, limitMb, thresholds } = options;
  const rises = findRises({ samples: smoothed, windowMs: thresholds.spikeWindowMs });
  const describe = (rise: Rise, share: number | null): JudgedJump => {
    if (!(rise.riseMb > 0)) return { rise, at: null, topMb: null, heldMinutes: 0, share };
    const at = findSteepestStepAt({ samples: smoothed, fromT: rise.fromT, toT: rise.toT });
    const topMb = smoothed.find((s) => s.t === rise.toT)?.valueMb ?? null;
    const heldMinutes = at === null ? 0 : measureHeldMinutes({ samples: smoothed, fromT: rise.fromT, toT: rise.toT, stepAt: at, windowMs: thresholds.spikeWindowMs });
    return { rise, at, topMb, heldMinutes, share };
  };
  if (minJumpMb !== null) {
    const climb = measureClimbs(smoothed);
    for (let i = rises.length - 1; i >= 0; i -= 1) {
      const rise = rises[i];
      if (rise.riseMb < minJumpMb) continue;
      const climbMb = climb.maxFrom(rise.fromT) - climb.minUpTo(rise.toT);
      const share = climbMb > 0 ? rise.riseMb / climbMb : 0;
      if (share < thresholds.spikeShare) continue;
      const judged = describe(rise, share);
      if (jumpHolds({ heldMinutes: judged.heldMinutes, topMb: judged.topMb, limitMb, thresholds })) return judged;
    }
  }
  const largest = rises.reduce<Rise | null>((best, rise) => (best === null || rise.riseMb > best.riseMb ? rise : best), null);
  const fallback = largest ?? { riseMb: 0, fromT: smoothed[0]?.t ?? 0, toT: smoothed[0]?.t ?? 0 };
  return describe(fallback, maxRiseMb > 0 ? fallback.riseMb / maxRiseMb : null);
}

/** Lowest value up to a sample's time and highest value from a sample's time on: O(n), then O(log n) each. */
function measureClimbs(samples: readonly MemoryPoint[]) {
  const n = samples.length;
  const prefixMin = new Float64Array(n);
  const suffixMax = new Float64Array(n);
  for (let i = 0; i < n; i += 1) prefixMin[i] = Math.min(samples[i].valueMb, i > 0 ? prefixMin[i - 1] : Infinity);
  for (let i = n - 1; i >= 0; i -= 1) suffixMax[i] = Math.max(samples[i].valueMb, i < n - 1 ? suffixMax[i + 1] : -Infinity);
  /** Index of the sample at t (the first at or after it). */
  const indexAt = (t: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    minUpTo: (t: number) => prefixMin[Math.min(n - 1, indexAt(t))],
    maxFrom: (t: number) => suffixMax[Math.min(n - 1, indexAt(t))],
  };
}

/**
 * How long memory stayed at least halfway up a jump once it got there (from the jump's steepest
 * step on), in minutes; null while it still is (the jump is happening now). Halfway between the
 * median of the 5 minutes before the jump and its top.
 */
function measureHeldMinutes(options: { samples: readonly MemoryPoint[]; fromT: number; toT: number; stepAt: number; windowMs: number }): number | null {
  const { samples, fromT, toT, stepAt, windowMs } = options;
  const before = samples.filter((s) => s.t <= fromT && s.t >= fromT - windowMs).map((s) => s.valueMb);
  const top = samples.find((s) => s.t === toT);
  if (before.length === 0 || !top) return 0;
  const halfway = (medianOf(before) + top.valueMb) / 2;
  let reachedAt: number | null = null;
  for (const sample of samples) {
    if (sample.t < stepAt) continue;
    if (reachedAt === null) {
      if (sample.valueMb >= halfway) reachedAt = sample.t;
    } else if (sample.valueMb < halfway) {
      return (sample.t - reachedAt) / 60_000;
    }
  }
  return null;
}

function bucketMedians({ samples, bucketMs }: { samples: readonly MemoryPoint[]; bucketMs: number }): MemoryPoint[] {
  const buckets = new Map<number, MemoryPoint[]>();
  for (const sample of samples) {
    const key = Math.floor(sample.t / bucketMs);
    buckets.set(key, [...(buckets.get(key) ?? []), sample]);
  }
  return [...buckets.values()].map((bucket) => ({ t: medianOf(bucket.map((s) => s.t)), valueMb: medianOf(bucket.map((s) => s.valueMb)) }));
}
