import type { MemoryPattern } from "@/lib/diagnosis/classify-pattern";
import { COMPONENT_LABELS } from "@/lib/diagnosis/component-labels";
import type { ComponentKey } from "@/lib/diagnosis/pick-growing-component";
import type { FreedFigures, MitigationInsight, Share } from "./summarize-insights";

// Small numbers in plain words: one figure is "1 use", never "a median of 1"; a share says how
// many uses it is out of, and how many are too recent to count.

const PATTERN_WORDS: Record<MemoryPattern, string> = {
  gradual: "Gradual increase (likely memory leak)",
  spike: "Sudden spike",
  flat: "Flat (no growth beyond noise)",
  insufficient_data: "Not enough data to tell",
};
const PATTERN_PHRASE: Record<MemoryPattern, string> = { gradual: "a leak", spike: "a spike", flat: "flat memory", insufficient_data: "an undiagnosed period" };

const mb = (value: number) => `${value < 0 ? "−" : ""}${Math.round(Math.abs(value)).toLocaleString("en")} MB`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "Gradual increase (likely memory leak) · Agent system", or "Diagnosis not recorded". */
export function describeDiagnosisKey(pattern: MemoryPattern | null, component: ComponentKey | null): string {
  if (pattern === null) return "Diagnosis not recorded (actions from before diagnoses were kept)";
  return `${PATTERN_WORDS[pattern]} · ${component ? COMPONENT_LABELS[component] : "no component stood out"}`;
}

/** "612 MB (1 use)" or "median 310 MB, 200–420 MB (6 uses)"; null without figures. */
export function describeFreed(figures: FreedFigures | null, unit = "use"): string | null {
  if (!figures) return null;
  if (figures.count === 1) return `${mb(figures.medianMb)} (1 ${unit})`;
  const range = figures.minMb === figures.maxMb ? `all ${mb(figures.minMb)}` : `${mb(figures.minMb)} to ${mb(figures.maxMb)}`;
  return `median ${mb(figures.medianMb)}, ${range} (${plural(figures.count, unit)})`;
}

/** "2 of 5 (1 too recent)", "none of 3", or "too recent to tell". */
export function describeShare(share: Share, uses: number): string {
  const pending = uses - share.known;
  const later = pending > 0 ? ` (${pending} too recent or without samples)` : "";
  if (share.known === 0) return uses === 0 ? "—" : "not known yet";
  return `${share.yes === 0 ? "none" : share.yes} of ${share.known}${later}`;
}

/** The measured-together column: "2 uses; together freed 968 MB (1 group)", or "none". */
export function describeTogether(m: Pick<MitigationInsight, "together">): string {
  if (m.together.uses === 0) return "none";
  const figures = describeFreed(m.together.groups, "group");
  return `${plural(m.together.uses, "use")}${figures ? `; together freed ${figures}` : ", no combined figure"}`;
}

// Components inside a sentence: "a leak in the cache".
const IN_SENTENCE: Record<ComponentKey, string> = {
  api_service: "the API service",
  agent_system: "the agent system",
  database: "the database",
  cache: "the cache",
  redis: "Redis",
};

/**
 * The line beside a next step on the target page: "6 past uses on this service during a leak in
 * the cache: freed a median 310 MB (200 MB to 420 MB); …". Null without history.
 */
export function describeServiceHistory(m: MitigationInsight, pattern: MemoryPattern, component: ComponentKey | null): string | null {
  if (m.uses === 0) return null;
  const during = `during ${PATTERN_PHRASE[pattern]}${component ? ` in ${IN_SENTENCE[component]}` : ""}`;
  const measured: string[] = [];
  const alone = m.alone;
  if (alone) {
    const figure = alone.count === 1 ? mb(alone.medianMb) : `a median ${mb(alone.medianMb)} (${mb(alone.minMb)} to ${mb(alone.maxMb)})`;
    measured.push(alone.count === m.uses ? `freed ${figure}` : `${alone.count} measured alone freed ${figure}`);
  }
  if (m.together.uses > 0) {
    const groups = m.together.groups;
    const figure = !groups ? "no combined figure" : groups.count === 1 ? `together freed ${mb(groups.medianMb)}` : `together freed a median ${mb(groups.medianMb)} in ${groups.count} groups`;
    measured.push(`${m.together.uses === m.uses ? "measured" : `${m.together.uses} measured`} together with other actions, ${figure}`);
  }
  if (measured.length === 0) measured.push("no measured figure");
  const parts = [`${plural(m.uses, "past use")} on this service ${during}: ${measured.join("; ")}`];
  if (m.backAboveThreshold.known > 0) parts.push(`back above the SEV-2 threshold within 30 min after ${m.backAboveThreshold.yes} of ${m.backAboveThreshold.known}`);
  if (m.restartFollowed.known > 0) parts.push(`a restart followed within 30 min after ${m.restartFollowed.yes} of ${m.restartFollowed.known}`);
  return `${parts.join("; ")}.`;
}
