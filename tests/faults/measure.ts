import type { Stack } from "@/tests/faults/stack";

export const HEALTHY_TARGETS = ["freeagentics-api", "freeagentics-batch", "freeagentics-edge"] as const;

/** Timestamps (ms) of a target's total-memory samples in [from, to]. */
export async function sampleTimes(stack: Stack, slug: string, from: number, to: number): Promise<number[]> {
  const rows = await stack.query<{ t: Date }>(
    `SELECT m."timestamp" AS t FROM metrics m JOIN targets t ON t.id = m.target_id
     WHERE t.slug = $1 AND m.metric_name = 'system.memory.used' AND m.labels = '' AND m."timestamp" BETWEEN $2 AND $3
     ORDER BY 1`,
    [slug, new Date(from), new Date(to)],
  );
  return rows.map((r) => r.t.getTime());
}

/**
 * Samples expected vs stored over a window. A slot is lost when two neighbouring samples (or a
 * window edge and its nearest sample) are further apart than one interval and a half; counting
 * slots by the gaps keeps the figure right when a restart shifts the phase of the schedule.
 */
export function accountSamples(times: number[], from: number, to: number, intervalMs: number) {
  const expected = Math.round((to - from) / intervalMs);
  const points = [from, ...times, to];
  let lost = 0;
  let maxGapMs = 0;
  for (let i = 1; i < points.length; i++) {
    const gap = points[i] - points[i - 1];
    if (i > 1 && i < points.length - 1) maxGapMs = Math.max(maxGapMs, gap);
    // From a window edge the first slot is at most an interval away; between samples, a gap
    // of about two intervals is one slot missed (a quarter of an interval allowed for jitter).
    const edge = i === 1 || i === points.length - 1;
    lost += Math.max(0, edge ? Math.floor((gap - intervalMs / 4) / intervalMs) : Math.round(gap / intervalMs) - 1);
  }
  return { expected, stored: times.length, lost, maxGapMs };
}

/** The gaps (ms) between a target's scrapes in [from, to]: the interval as the collector kept it. */
export async function scrapeGaps(stack: Stack, slug: string, from: number, to: number) {
  const rows = await stack.query<{ t: Date }>(
    `SELECT s.started_at AS t FROM target_scrapes s JOIN targets t ON t.id = s.target_id
     WHERE t.slug = $1 AND s.started_at BETWEEN $2 AND $3 ORDER BY 1`,
    [slug, new Date(from), new Date(to)],
  );
  const times = rows.map((r) => r.t.getTime());
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? null;
  return { scrapes: times.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: gaps.at(-1) ?? null };
}

/** One figure for the report, printed as a JSON line and kept for the summary file. */
export function createReport() {
  const figures: Record<string, unknown>[] = [];
  return {
    figures,
    add(figure: Record<string, unknown>) {
      figures.push(figure);
      console.log(JSON.stringify(figure));
    },
  };
}
