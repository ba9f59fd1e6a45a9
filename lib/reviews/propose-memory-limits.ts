/** Docker's memory sizes step by this much in the proposal: a limit reads as a plain number of MB or GB. */
export const LIMIT_STEP_MB = 256;
/** Head room above the observed peak for the limit (docs/decisions/0022). */
export const PEAK_FACTOR = 1.25;

export type MemoryLimitsProposal = {
  peakMb: number;
  medianMb: number;
  limitMb: number;
  reservationMb: number;
  /** The runbook's docker-compose form for the service. */
  yaml: string;
};

const roundUp = (mb: number) => Math.max(LIMIT_STEP_MB, Math.ceil(mb / LIMIT_STEP_MB) * LIMIT_STEP_MB);
/** Compose's size notation: "4G" for whole gigabytes, "2560M" otherwise. */
export const composeSize = (mb: number) => (mb % 1024 === 0 ? `${mb / 1024}G` : `${mb}M`);

/**
 * Memory limits from what the incident showed: the limit is the peak with 25% head room, the
 * reservation the median use over the review's window (what the service needs ordinarily), both
 * rounded up to 256 MB; null without samples.
 */
export function proposeMemoryLimits(options: { service: string; values: readonly number[] }): MemoryLimitsProposal | null {
  if (options.values.length === 0) return null;
  const sorted = [...options.values].sort((a, b) => a - b);
  const peakMb = sorted.at(-1)!;
  const mid = Math.floor(sorted.length / 2);
  const medianMb = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const limitMb = roundUp(peakMb * PEAK_FACTOR);
  const reservationMb = Math.min(limitMb, roundUp(medianMb));
  const yaml = [
    "services:",
    `  ${options.service}:`,
    "    deploy:",
    "      resources:",
    "        limits:",
    `          memory: ${composeSize(limitMb)}`,
    "        reservations:",
    `          memory: ${composeSize(reservationMb)}`,
  ].join("\n");
  return { peakMb, medianMb, limitMb, reservationMb, yaml };
}
