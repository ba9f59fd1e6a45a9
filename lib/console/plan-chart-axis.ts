/** The memory chart's time axis and how far its projection may reach. */
export type ChartAxis = { from: number; to: number };

/**
 * The axis starts where the data does (a day of history on the 30-day range fills the chart
 * instead of its last thirtieth) and the projection reaches at most a third of the span actually
 * covered, so a dashed line never takes more of the width than the history it is drawn from.
 */
export function planChartAxis(options: { rangeMs: number; now: number; firstPointAt: number | null }): { from: number; horizonMs: number } {
  const rangeFrom = options.now - options.rangeMs;
  const from = options.firstPointAt === null ? rangeFrom : Math.min(options.now, Math.max(rangeFrom, options.firstPointAt));
  return { from, horizonMs: (options.now - from) / 3 };
}
