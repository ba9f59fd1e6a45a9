/** One memory reading: `t` epoch ms, `valueMb` memory used in MB. */
export type MemorySample = { t: number; valueMb: number };

export const fiveMinutesMs = 5 * 60 * 1000;
