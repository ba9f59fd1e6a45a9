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
const PATTERN_SHORT: Record<MemoryPattern, string> = { gradual: "leak", spike: "spike", flat: "flat-memory", insufficient_data: "undiagnosed" };

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

/** Measured together with other actions, said apart: "2 uses, together with other actions freed 968 MB (1 group)". */
export function describeTogether(m: Pick<MitigationInsight, "together">): string | null {
  if (m.together.uses === 0) return null;
  const figures = describeFreed(m.together.groups, "group");
  return `${plural(m.together.uses, "use")} measured together with other actions${figures ? `: together freed ${figures}` : ", no combined figure"}`;
}

/**
 * The line beside a next step on the target page: "Freed a median 310 MB in 6 past uses on this
 * service during a leak in Cache (200 MB to 420 MB); …". Null without history.
 */
export function describeServiceHistory(m: MitigationInsight, pattern: MemoryPattern, component: ComponentKey | null): string | null {
  if (m.uses === 0) return null;
  const during = `during ${pattern === "insufficient_data" ? "an undiagnosed period" : `a ${PATTERN_SHORT[pattern]}`}${component ? ` in ${COMPONENT_LABELS[component]}` : ""}`;
  const parts: string[] = [];
  const alone = m.alone;
  if (alone && alone.count === 1) parts.push(`Freed ${mb(alone.medianMb)} the 1 time it was measured alone, of ${plural(m.uses, "past use")} on this service ${during}`);
  else if (alone) parts.push(`Freed a median ${mb(alone.medianMb)} (${mb(alone.minMb)} to ${mb(alone.maxMb)}) in ${alone.count} uses measured alone, of ${plural(m.uses, "past use")} on this service ${during}`);
  else parts.push(`${plural(m.uses, "past use")} on this service ${during}, none measured alone`);
  const together = describeTogether(m);
  if (together) parts.push(together);
  if (m.backAboveThreshold.known > 0) parts.push(`back above the SEV-2 threshold within 30 min after ${m.backAboveThreshold.yes} of ${m.backAboveThreshold.known}`);
  if (m.restartFollowed.known > 0) parts.push(`a restart followed within 30 min after ${m.restartFollowed.yes} of ${m.restartFollowed.known}`);
  return `${parts.join("; ")}.`;
}
