/**
 * One memory reading as every read, chart, forecast and diagnosis sees it: `t` epoch ms,
 * `valueMb` memory used in MB. Stored rows are `StoredSample` (lib/metrics/sample.ts).
 */
export type MemoryPoint = { t: number; valueMb: number };

export const fiveMinutesMs = 5 * 60 * 1000;
