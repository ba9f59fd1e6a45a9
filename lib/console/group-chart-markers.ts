import type { ChartMarker } from "@/lib/metrics/chart-marker";

type Tone = ChartMarker["tone"];

/** Markers closer than a chart can tell apart, drawn as one line with a count and the list in its title. */
export type ChartMarkerGroup = { t: number; label: string; tone: Tone; count: number; labels: string[] };

const TONE_RANK: Record<Tone, number> = { crit: 3, warn: 2, info: 1, ok: 0 };

/**
 * Groups markers that start within `withinMs` of a group's first one (sorted by time). A group
 * of one keeps its label; a larger one reads "4 actions" (or "4 events": `noun`) and takes the most
 * alarming tone, so a failure among successes is not hidden.
 */
export function groupChartMarkers(options: { markers: readonly ChartMarker[]; withinMs: number; noun?: string }): ChartMarkerGroup[] {
  const sorted = [...options.markers].sort((a, b) => a.t - b.t);
  const groups: ChartMarkerGroup[] = [];
  for (const marker of sorted) {
    const last = groups.at(-1);
    if (last && marker.t - last.t <= options.withinMs) {
      last.count += 1;
      last.labels.push(marker.label);
      last.label = `${last.count} ${options.noun ?? "actions"}`;
      if (TONE_RANK[marker.tone] > TONE_RANK[last.tone]) last.tone = marker.tone;
    } else {
      groups.push({ t: marker.t, label: marker.label, tone: marker.tone, count: 1, labels: [marker.label] });
    }
  }
  return groups;
}
