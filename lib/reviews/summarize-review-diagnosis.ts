import { diagnoseMemory } from "@/lib/diagnosis/diagnose-memory";
import type { MemoryPattern } from "@/lib/diagnosis/classify-pattern";
import { componentKeys, type ComponentKey, type ComponentSeries } from "@/lib/diagnosis/pick-growing-component";
import { formatMb, formatSignedMb } from "@/lib/format";
import type { MemoryPoint } from "@/lib/metrics/memory-point";
import type { RootCause } from "./review-content";

export const COMPONENT_LABEL: Record<ComponentKey, string> = {
  api_service: "API service",
  agent_system: "agent system",
  database: "database",
  cache: "cache",
  redis: "Redis",
};
const PATTERN_WORDS: Record<MemoryPattern, string> = {
  gradual: "gradual growth (leak pattern)",
  spike: "sudden spike",
  flat: "flat",
  insufficient_data: "not enough data",
};
// The runbook's common causes by the component that grew; the cache has no cause of its own.
const CAUSE_OF: Partial<Record<ComponentKey, RootCause>> = { agent_system: "agent_memory_leak", database: "db_connection_pool", redis: "redis_memory_bloat" };

/** The diagnosis of the three hours before a moment (the incident's opening, its peak), in figures and words. */
export type ReviewDiagnosis = {
  at: string;
  pattern: MemoryPattern;
  /** "gradual growth (leak pattern) in agent system, +310 MB (82% of the growth)". */
  text: string;
  totalMb: number | null;
  /** Of the limit, at that moment. */
  percent: number | null;
  slopeMbPer5m: number | null;
  component: { key: ComponentKey; growthMb: number; share: number } | null;
  /** Each component's change over those hours (last sample − first), largest first. */
  components: { key: ComponentKey; fromMb: number; toMb: number; changeMb: number }[];
};

/** The runbook's decision tree on the three hours before `at`, kept as the figures a review cites. */
export function summarizeReviewDiagnosis(options: { at: number; total: readonly MemoryPoint[]; components: ComponentSeries; limitMb: number }): ReviewDiagnosis {
  const total = options.total.filter((p) => p.t <= options.at);
  const diagnosis = diagnoseMemory({ total, components: options.components, limitMb: options.limitMb });
  const last = total.at(-1) ?? null;
  const component = diagnosis.component && { key: diagnosis.component.key, growthMb: diagnosis.component.growthMb, share: diagnosis.component.share };
  const components = componentKeys
    .flatMap((key) => {
      const series = (options.components[key] ?? []).filter((p) => p.t <= options.at);
      if (series.length < 2) return [];
      const fromMb = series[0].valueMb;
      const toMb = series.at(-1)!.valueMb;
      return [{ key, fromMb, toMb, changeMb: toMb - fromMb }];
    })
    .sort((a, b) => Math.abs(b.changeMb) - Math.abs(a.changeMb));
  const part = component ? ` in ${COMPONENT_LABEL[component.key]}, ${formatSignedMb(component.growthMb)} (${Math.round(component.share * 100)}% of the growth)` : "";
  return {
    at: new Date(options.at).toISOString(),
    pattern: diagnosis.pattern,
    text: `${PATTERN_WORDS[diagnosis.pattern]}${part}`,
    totalMb: last?.valueMb ?? null,
    percent: last ? (last.valueMb / options.limitMb) * 100 : null,
    slopeMbPer5m: diagnosis.evidence.slopeMbPer5m,
    component,
    components,
  };
}

/** The runbook's common cause the data points at, or null when no component stood out. */
export function suggestRootCause(diagnoses: readonly (ReviewDiagnosis | null)[]): RootCause | null {
  for (const d of diagnoses) {
    if (d?.component) return CAUSE_OF[d.component.key] ?? "other";
  }
  return null;
}

/** What the data says, as lines a reviewer can keep, edit or argue with. */
export function evidenceOf(options: { atOpen: ReviewDiagnosis | null; atPeak: ReviewDiagnosis | null; limitMb: number }): string[] {
  const lines: string[] = [];
  const { atOpen, atPeak } = options;
  if (atOpen) lines.push(`At open: ${atOpen.text}; ${formatMb(atOpen.totalMb)} of ${formatMb(options.limitMb)}${atOpen.slopeMbPer5m === null ? "" : `, trend ${formatSignedMb(atOpen.slopeMbPer5m, 1)}/5 min`}.`);
  if (atPeak) lines.push(`At peak: ${formatMb(atPeak.totalMb)} (${atPeak.percent === null ? "—" : `${atPeak.percent.toFixed(1)}%`} of the limit); ${atPeak.text}.`);
  const moved = (atPeak ?? atOpen)?.components.filter((c) => Math.abs(c.changeMb) >= 1) ?? [];
  if (moved.length > 0) {
    lines.push(`Components over the 3 h before the peak: ${moved.map((c) => `${COMPONENT_LABEL[c.key]} ${formatMb(c.fromMb)} → ${formatMb(c.toMb)} (${formatSignedMb(c.changeMb)})`).join("; ")}.`);
  }
  return lines;
}
