import { formatMb, formatMinutes, formatSignedMb, formatTime } from "@/lib/format";
import type { MemoryDiagnosis } from "./diagnose-memory";
import type { ComponentKey } from "./pick-growing-component";

// Plain words for the diagnosis panel. Times are in the viewer's time zone, passed in like every
// other time on the page (useClock), so that the server's rendering and hydration agree.

const rate = (mbPer5m: number | null) => (mbPer5m === null ? "—" : `${formatSignedMb(mbPer5m, 1)}/5 min`);

/** "#5 Rolling restart" or "#2, #3 and #4 (Clear expired cache entries, …)". */
export function describeActions(actions: readonly { id: number; label: string }[]): string {
  if (actions.length === 1) return `#${actions[0].id} ${actions[0].label}`;
  const ids = actions.map((a) => `#${a.id}`);
  return `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)} (${actions.map((a) => a.label).join(", ")})`;
}

/** What the mitigation did and what happened since, or null when there was none. */
export function describeMitigation(diagnosis: Pick<MemoryDiagnosis, "mitigation">, timeZone: string): string | null {
  const m = diagnosis.mitigation;
  if (!m) return null;
  const what = m.patternBefore === "gradual" ? "Leak mitigated" : "Memory brought down";
  const head = `${what} at ${formatTime(m.at, false, timeZone)} by ${describeActions(m.actions)} (−${formatMb(m.dropMb)})`;
  const since = formatMinutes(m.since.minutes);
  if (m.status === "growing") {
    const interval = m.since.lowMbPer5m !== null && m.since.highMbPer5m !== null ? ` (${rate(m.since.lowMbPer5m)} to ${rate(m.since.highMbPer5m)})` : "";
    return `${head}; growing again at ${rate(m.since.slopeMbPer5m)}${interval} in the ${since} since${m.patternBefore === "gradual" ? ": the leak is still there" : ""}.`;
  }
  if (m.status === "too_soon") {
    return `${head}; no clear growth in the ${since} since, too soon to say the leak is gone (the earlier growth would show within ${formatMinutes(m.flatAfterMinutes)}).`;
  }
  return `${head}; no growth in the ${since} since${m.patternBefore === "gradual" ? ": the leak is gone" : ""}.`;
}

/** The answer to "Which component?", or the component that moved most as information only. */
export function describeComponent(diagnosis: Pick<MemoryDiagnosis, "pattern" | "component" | "mostMoved">, labelOf: (key: ComponentKey) => string): string {
  const { component, mostMoved, pattern } = diagnosis;
  if (component) {
    return `Growing component: ${labelOf(component.key)} (${formatSignedMb(component.growthMb)}, ${Math.round(component.share * 100)}% of the growth; its own noise ±${formatMb(component.noiseMb)})`;
  }
  const why = pattern === "flat" ? "Memory is flat, so no component is the answer" : pattern === "insufficient_data" ? "Too little data to name a component" : "No component's growth stands out from its own noise";
  if (!mostMoved || Math.abs(mostMoved.changeMb) < 0.5) return `${why}; no component moved in this window.`;
  return `${why}. For information, ${labelOf(mostMoved.key)} moved most: ${formatSignedMb(mostMoved.changeMb)} (it would need ${formatSignedMb(mostMoved.minChangeMb)} to stand out).`;
}
