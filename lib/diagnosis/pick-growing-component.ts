import { fitTrend } from "@/lib/forecast/fit-trend";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { MemoryPattern, PatternEvidence } from "./classify-pattern";
import type { DiagnosisThresholds } from "./diagnosis-thresholds";
import { estimateNoiseAtLagMb, medianOf } from "./series-stats";

export const componentKeys = ["api_service", "agent_system", "database", "cache", "redis"] as const;
export type ComponentKey = (typeof componentKeys)[number];

export type ComponentSeries = Partial<Record<ComponentKey, readonly MemoryPoint[]>>;

/** How one component moved over the window, measured the way the total's pattern was. */
export type ComponentMove = {
  key: ComponentKey;
  /** Gradual (and flat): its trend over the window. Spike: its rise across the total's jump. */
  changeMb: number;
  /** Its own noise at that scale (5-minute medians around its trend, or its 60 s noise for a jump). */
  noiseMb: number;
  /** The change a component needs to count as growing here: max(floor, factor × its noise). */
  minChangeMb: number;
};

export type GrowingComponent = {
  key: ComponentKey;
  growthMb: number;
  /** Its share of the growth of all components that grew (0..1]. */
  share: number;
  noiseMb: number;
};

export type PickGrowingComponentOptions = {
  components: ComponentSeries;
  pattern: MemoryPattern;
  evidence: Pick<PatternEvidence, "largestJumpFrom" | "largestJumpTo">;
  limitMb: number;
  thresholds: DiagnosisThresholds;
};

export type PickedComponent = {
  /** The runbook's "Which component?": only one whose growth stands out from its own noise, while the total grows. */
  component: GrowingComponent | null;
  /** Whatever moved most, as information when there is no answer (a flat total, or nothing stood out). */
  mostMoved: ComponentMove | null;
};

/**
 * A component is named only when the total grew (gradual or spike) and its own growth, measured
 * the same way, stands out from its own noise: the agent system's minute-to-minute churn of a
 * few hundred MB is not a culprit on a flat service.
 */
export function pickGrowingComponent({ components, pattern, evidence, limitMb, thresholds }: PickGrowingComponentOptions): PickedComponent {
  const jump = pattern === "spike" && evidence.largestJumpFrom !== null && evidence.largestJumpTo !== null ? { fromT: evidence.largestJumpFrom, toT: evidence.largestJumpTo } : null;
  const floor = thresholds.minRiseFractionOfLimit * limitMb;
  const moves = componentKeys.flatMap((key) => {
    const series = [...(components[key] ?? [])].sort((a, b) => a.t - b.t);
    const move = jump ? measureJumpMove({ series, jump, thresholds }) : measureTrendMove({ series });
    if (!move) return [];
    const factor = jump ? thresholds.spikeNoiseFactor : thresholds.riseNoiseFactor;
    return [{ key, ...move, minChangeMb: Math.max(floor, factor * move.noiseMb) }];
  });
  const mostMoved = moves.reduce<ComponentMove | null>((best, m) => (best === null || Math.abs(m.changeMb) > Math.abs(best.changeMb) ? m : best), null);
  const grew = moves.filter((m) => m.changeMb > 0);
  const standing = pattern === "gradual" || pattern === "spike" ? grew.filter((m) => m.changeMb >= m.minChangeMb) : [];
  if (standing.length === 0) return { component: null, mostMoved };
  const top = standing.reduce((best, m) => (m.changeMb > best.changeMb ? m : best));
  const totalGrowth = grew.reduce((sum, m) => sum + m.changeMb, 0);
  return { component: { key: top.key, growthMb: top.changeMb, share: top.changeMb / totalGrowth, noiseMb: top.noiseMb }, mostMoved };
}

/** Trend over the series' span from its 5-minute medians; noise: their robust spread around it. */
function measureTrendMove({ series }: { series: readonly MemoryPoint[] }): { changeMb: number; noiseMb: number } | null {
  if (series.length < 2) return null;
  const firstT = series[0].t;
  const lastT = series[series.length - 1].t;
  const fit = fitTrend({ samples: series, fromT: firstT - 5 * 60_000, toT: lastT + 5 * 60_000 });
  if (!fit) return null;
  const residuals = bucketResiduals({ series, slopePerMs: fit.slopePerMs, levelAtEndMb: fit.levelAtEndMb, toT: fit.toT, bucketMs: fit.bucketMs });
  const center = medianOf(residuals);
  return { changeMb: fit.slopePerMs * (lastT - firstT), noiseMb: medianOf(residuals.map((r) => Math.abs(r - center))) / 0.6745 };
}

function bucketResiduals(options: { series: readonly MemoryPoint[]; slopePerMs: number; levelAtEndMb: number; toT: number; bucketMs: number }): number[] {
  const buckets = new Map<number, MemoryPoint[]>();
  for (const s of options.series) {
    const key = Math.floor(s.t / options.bucketMs);
    buckets.set(key, [...(buckets.get(key) ?? []), s]);
  }
  return [...buckets.values()].map((members) => {
    const t = medianOf(members.map((s) => s.t));
    return medianOf(members.map((s) => s.valueMb)) - (options.levelAtEndMb + options.slopePerMs * (t - options.toT));
  });
}

/** Rise across the total's jump: the median of the 5 minutes before it to the level at its top. */
function measureJumpMove(options: { series: readonly MemoryPoint[]; jump: { fromT: number; toT: number }; thresholds: DiagnosisThresholds }): { changeMb: number; noiseMb: number } | null {
  const { series, jump, thresholds } = options;
  const before = series.filter((s) => s.t <= jump.fromT && s.t >= jump.fromT - thresholds.spikeWindowMs).map((s) => s.valueMb);
  const top = series.filter((s) => Math.abs(s.t - jump.toT) <= thresholds.smoothHalfWidthMs).map((s) => s.valueMb);
  if (before.length === 0 || top.length === 0) return null;
  return { changeMb: medianOf(top) - medianOf(before), noiseMb: estimateNoiseAtLagMb({ samples: series, lagMs: thresholds.noiseLagMs }) };
}
