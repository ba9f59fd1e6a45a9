import { z } from "zod";

const HOUR = 3_600_000;

export const RANGES = { "1h": HOUR, "6h": 6 * HOUR, "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR } as const;
export type RangeKey = keyof typeof RANGES;
export const RANGE_WORDS: Record<RangeKey, string> = { "1h": "the last hour", "6h": "the last 6 hours", "24h": "the last 24 hours", "7d": "the last 7 days", "30d": "the last 30 days" };
export const rangeKeySchema = z.enum(Object.keys(RANGES) as [RangeKey, ...RangeKey[]]).default("1h");

/** About the pixel width of the chart: more points than that only slow the browser down. */
export const CHART_POINTS = 600;
