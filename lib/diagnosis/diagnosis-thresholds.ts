/** Defaults behind the pattern classification; docs/decisions/0003-diagnosis-thresholds.md explains each. */
export const defaultDiagnosisThresholds = {
  /** Fewer samples, or a span shorter than three 5-minute intervals, is "insufficient_data". */
  minSamples: 6,
  minSpanMs: 15 * 60_000,
  /** A rise smaller than this share of the limit is not actionable (82 MB of 4 GB). */
  minRiseFractionOfLimit: 0.02,
  /**
   * Noise σ is read from differences this far apart, and one-sample blips are smoothed away by a
   * running median over ± this much: fixed times, so the answer does not depend on how often the
   * target is scraped (5 s to 60 s).
   */
  noiseLagMs: 60_000,
  smoothHalfWidthMs: 60_000,
  /** A trend must rise this many noise standard deviations over the window to count. */
  riseNoiseFactor: 3,
  /** A spike is a rise inside one of the runbook's 5-minute intervals ... */
  spikeWindowMs: 5 * 60_000,
  /** ... that stands this many noise standard deviations above noise ... */
  spikeNoiseFactor: 8,
  /** ... and accounts for at least this share of the largest rise in the series. */
  spikeShare: 0.6,
  /** ... and memory stays at least halfway up it this long, or until now (not a passing burst). */
  spikeMinHoldMs: 5 * 60_000,
  /** ... unless it reached this share of the limit: then an out-of-memory kill ended it. */
  limitReachedShare: 0.98,
  /** "Gradual" needs a straight-line fit at least this good. */
  minR2: 0.5,
  /** Start and end levels are medians over this much of each end of a series. */
  edgeMs: 2 * 60_000,
} as const;

export type DiagnosisThresholds = { [K in keyof typeof defaultDiagnosisThresholds]: number };
