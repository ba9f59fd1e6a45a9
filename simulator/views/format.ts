/** Contract timestamps: ISO 8601 in UTC. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Contract memory figures: MB with one decimal. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;

export const seconds = (ms: number): number => round1(Math.max(0, ms) / 1_000);

/** Rounds fractional figures and leaves counts alone. */
export function roundFigures(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Number.isInteger(value) ? value : round1(value)]));
}
