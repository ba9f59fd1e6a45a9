import { fitTrend } from "@/lib/forecast/fit-trend";
import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";
import { classifyPattern, type ClassifiedPattern, type MemoryPattern } from "./classify-pattern";
import { defaultDiagnosisThresholds, type DiagnosisThresholds } from "./diagnosis-thresholds";
import { findMitigations, levelChangeAcross, undoMitigations, type Intervention, type Mitigation } from "./find-mitigations";
import { componentKeys, type ComponentSeries } from "./pick-growing-component";
import { estimateNoiseAtLagMb } from "./series-stats";

export type MitigationFinding = {
  /** The last mitigation in the window: the growth since is judged from it. */
  actions: Mitigation["actions"];
  at: number;
  dropMb: number;
  /** Every mitigation in the window, oldest first (the last one is the above). */
  all: Mitigation[];
  /** The pattern with every drop added back: what the service was doing before anyone acted. */
  patternBefore: MemoryPattern;
  since: { minutes: number; slopeMbPer5m: number | null; lowMbPer5m: number | null; highMbPer5m: number | null };
  /**
   * growing: the slope's interval since is above zero. flat: no growth, over long enough for the
   * growth seen before to have shown again. too_soon: neither yet.
   */
  status: "growing" | "too_soon" | "flat";
  /** How long "flat" needs: the time the earlier growth would take to rise beyond noise again. */
  flatAfterMinutes: number;
};

export type JudgeMitigationsOptions = {
  total: readonly MemoryPoint[];
  components: ComponentSeries;
  plain: ClassifiedPattern;
  interventions: readonly Intervention[];
  limitMb: number;
  thresholds: DiagnosisThresholds;
};

export type JudgedMitigations = ClassifiedPattern & { components: ComponentSeries; finding: MitigationFinding };

/**
 * A leak that an action brought down is still a leak: the pattern is judged on the series with
 * the drops added back, and the runbook's leak branch stays until the growth since the last
 * drop has been flat for as long as the earlier growth needed to show. Null when no recorded
 * action caused a drop that stands out.
 */
export function judgeMitigations({ total, components, plain, interventions, limitMb, thresholds }: JudgeMitigationsOptions): JudgedMitigations | null {
  const floor = thresholds.minRiseFractionOfLimit * limitMb;
  const mitigations = findMitigationsIn({ samples: total, interventions, limitMb, thresholds, noiseMb: plain.evidence.noiseMb });
  if (mitigations.length === 0 || total.length === 0) return null;
  const undone = undoMitigations({ samples: total, mitigations, drops: mitigations.map((m) => m.dropMb) });
  const acrossDrops = classifyPattern({ samples: undone, limitMb, thresholds });
  // Once the flat time since outweighs the leak in the window, the whole reads flat; what came
  // before the first action still shows whether it was leaking then.
  const beforeFirst = classifyPattern({ samples: total.filter((s) => s.t <= mitigations[0].startedAt), limitMb, thresholds });
  const before = acrossDrops.pattern !== "gradual" && beforeFirst.pattern === "gradual" ? beforeFirst : acrossDrops;
  const last = mitigations[mitigations.length - 1];
  const lastT = total[total.length - 1].t;
  const after = total.filter((s) => s.t >= last.at);
  const fit = fitTrend({ samples: after, fromT: last.at, toT: lastT + 1 });
  const sinceMinutes = (lastT - last.at) / 60_000;
  const per5m = (perMs: number | undefined) => (perMs === undefined ? null : perMs * fiveMinutesMs);
  const beforeRate = (before.evidence.slopeMbPer5m ?? 0) / fiveMinutesMs;
  const flatAfterMs = Math.max(thresholds.minSpanMs, before.pattern === "gradual" && beforeRate > 0 ? (before.evidence.minRiseMb ?? floor) / beforeRate : 0);
  const status = fit && fit.lowPerMs > 0 ? "growing" : lastT - last.at >= flatAfterMs ? "flat" : "too_soon";
  const finding: MitigationFinding = {
    actions: last.actions,
    at: last.at,
    dropMb: last.dropMb,
    all: mitigations,
    patternBefore: before.pattern,
    since: { minutes: sinceMinutes, slopeMbPer5m: per5m(fit?.slopePerMs), lowMbPer5m: per5m(fit?.lowPerMs), highMbPer5m: per5m(fit?.highPerMs) },
    status,
    flatAfterMinutes: flatAfterMs / 60_000,
  };
  // A leak whose growth stayed away long enough is gone: what remains is judged on its own.
  if (before.pattern === "gradual" && status === "flat") {
    const since = classifyPattern({ samples: after, limitMb, thresholds });
    return { ...since, components: sliceComponents(components, last.at), finding };
  }
  const undoneComponents: ComponentSeries = {};
  for (const key of componentKeys) {
    const series = components[key];
    if (!series) continue;
    const sorted = [...series].sort((a, b) => a.t - b.t);
    const drops = mitigations.map((m) => levelChangeAcross({ samples: sorted, startedAt: m.startedAt, at: m.at, edgeMs: thresholds.edgeMs }) ?? 0);
    undoneComponents[key] = undoMitigations({ samples: sorted, mitigations, drops });
  }
  return { pattern: before.pattern, evidence: { ...before.evidence, currentUsage: plain.evidence.currentUsage }, components: undoneComponents, finding };
}

/**
 * The mitigations in a series: drops by recorded actions that stand out from its noise (as a
 * trend must: max(floor, riseNoiseFactor × σ)). The forecast uses the last one's time to fit
 * only what came after it, so page, card and diagnosis agree on it.
 */
export function findMitigationsIn(options: {
  samples: readonly MemoryPoint[];
  interventions: readonly Intervention[];
  limitMb: number;
  thresholds?: DiagnosisThresholds;
  noiseMb?: number | null;
}): Mitigation[] {
  const thresholds = options.thresholds ?? defaultDiagnosisThresholds;
  if (options.interventions.length === 0) return [];
  const samples = [...options.samples].sort((a, b) => a.t - b.t);
  const noiseMb = options.noiseMb ?? (samples.length > 2 ? estimateNoiseAtLagMb({ samples, lagMs: thresholds.noiseLagMs }) : 0);
  const minDropMb = Math.max(thresholds.minRiseFractionOfLimit * options.limitMb, thresholds.riseNoiseFactor * noiseMb);
  return findMitigations({ samples, interventions: options.interventions, minDropMb, edgeMs: thresholds.edgeMs });
}

function sliceComponents(components: ComponentSeries, fromT: number): ComponentSeries {
  return Object.fromEntries(Object.entries(components).map(([key, series]) => [key, series.filter((s) => s.t >= fromT)]));
}
