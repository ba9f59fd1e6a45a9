import { estimateTheilSenSlope } from "@/lib/forecast/estimate-theil-sen-slope";
import { fiveMinutesMs, type MemorySample } from "@/lib/forecast/memory-sample";
import type { DiagnosisThresholds } from "./diagnosis-thresholds";
import { fitLinear } from "./linear-fit";
import { estimateNoiseMb, findLargestRise, findSteepestStepAt, measureLevelChange, smoothMedianOfThree } from "./series-stats";

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
  /** Largest rise inside one spike window (blips of one sample smoothed out). */
  largestJumpMb: number | null;
  /** Time of the steepest step inside that rise, and where the rise started. */
  largestJumpAt: number | null;
  largestJumpFrom: number | null;
  /** Largest rise anywhere in the series, and the jump's share of it. */
  maxRiseMb: number | null;
  jumpShare: number | null;
  noiseMb: number | null;
  /** The rise a trend needs to count as growth here, and the jump a spike needs. */
  minRiseMb: number | null;
  minJumpMb: number | null;
  currentUsage: number | null;
};

export type ClassifyPatternOptions = { samples: readonly MemorySample[]; limitMb: number; thresholds: DiagnosisThresholds };

export type ClassifiedPattern = { pattern: MemoryPattern; evidence: PatternEvidence };

/** The runbook's "Is it gradual increase?" answered from data. */
export function classifyPattern({ samples, limitMb, thresholds }: ClassifyPatternOptions): ClassifiedPattern {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const evidence = measureEvidence({ samples: sorted, limitMb, thresholds });
  const spanMs = evidence.spanMinutes * 60_000;
  if (sorted.length < thresholds.minSamples || spanMs < thresholds.minSpanMs) return { pattern: "insufficient_data", evidence };

  // Spike first: a step also fits a line fairly well, but one jump explains it better.
  const isSpike =
    (evidence.largestJumpMb ?? 0) >= (evidence.minJumpMb ?? Infinity) && (evidence.jumpShare ?? 0) >= thresholds.spikeShare;
  if (isSpike) return { pattern: "spike", evidence };
  const isGradual =
    (evidence.trendRiseMb ?? 0) >= (evidence.minRiseMb ?? Infinity) && (evidence.r2 ?? 0) >= thresholds.minR2;
  // Everything else, falling series included, shows no rise that stands out from noise.
  return { pattern: isGradual ? "gradual" : "flat", evidence };
}

function measureEvidence({ samples, limitMb, thresholds }: ClassifyPatternOptions): PatternEvidence {
  const n = samples.length;
  const spanMs = n > 0 ? samples[n - 1].t - samples[0].t : 0;
  const values = samples.map((s) => s.valueMb);
  const fit = fitLinear({ xs: samples.map((s) => s.t), ys: values });
  const slopePerMs = estimateTheilSenSlope({ points: samples.map((s) => ({ x: s.t, y: s.valueMb })) });
  const smoothed = smoothMedianOfThree({ values }).map((valueMb, i) => ({ t: samples[i].t, valueMb }));
  const jump = n > 1 ? findLargestRise({ samples: smoothed, windowMs: thresholds.spikeWindowMs }) : null;
  const maxRise = n > 1 ? findLargestRise({ samples: smoothed, windowMs: Infinity }) : null;
  const noiseMb = n > 2 ? estimateNoiseMb({ values }) : null;
  const absoluteFloor = thresholds.minRiseFractionOfLimit * limitMb;
  return {
    sampleCount: n,
    spanMinutes: spanMs / 60_000,
    slopeMbPer5m: slopePerMs === null ? null : slopePerMs * fiveMinutesMs,
    olsSlopeMbPer5m: fit ? fit.slope * fiveMinutesMs : null,
    r2: fit?.r2 ?? null,
    trendRiseMb: slopePerMs === null ? null : slopePerMs * spanMs,
    levelChangeMb: n > 0 ? measureLevelChange({ samples, edgeMs: thresholds.edgeMs }) : null,
    largestJumpMb: jump?.riseMb ?? null,
    largestJumpAt:
      jump && jump.riseMb > 0 ? findSteepestStepAt({ samples: smoothed, fromT: jump.fromT, toT: jump.toT }) : null,
    largestJumpFrom: jump && jump.riseMb > 0 ? jump.fromT : null,
    maxRiseMb: maxRise?.riseMb ?? null,
    jumpShare: jump && maxRise && maxRise.riseMb > 0 ? jump.riseMb / maxRise.riseMb : null,
    noiseMb,
    minRiseMb: noiseMb === null ? null : Math.max(absoluteFloor, thresholds.riseNoiseFactor * noiseMb),
    minJumpMb: noiseMb === null ? null : Math.max(absoluteFloor, thresholds.spikeNoiseFactor * noiseMb),
    currentUsage: n > 0 ? values[n - 1] / limitMb : null,
  };
}
