import type { ChartSource } from "@/lib/metrics/choose-source";

/** What a chart's points were chosen from, in the words under the chart ("600 of 1,485 one-minute peaks"). */
export const CHART_SOURCE_WORDS: Record<ChartSource, string> = {
  raw: "samples",
  rollup_1m: "one-minute peaks (the newest 15 min as samples)",
  rollup: "5-min peaks",
};
