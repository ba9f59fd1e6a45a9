export type RatioSample = { t: number; value: number };

export type SelectValueAtOptions = {
  /** Sorted by `t` ascending (epoch ms). */
  samples: readonly RatioSample[];
  now: number;
  lookbackMs: number;
};

/**
 * The value an instant query sees at `now`: the newest sample at or before `now`
 * that is not older than the lookback. The bound is inclusive on purpose (DESIGN.md):
 * a sample exactly `lookbackMs` old still counts.
 */
export function selectValueAt({ samples, now, lookbackMs }: SelectValueAtOptions): number | null {
  let low = 0;
  let high = samples.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (samples[mid].t <= now) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found < 0 || now - samples[found].t > lookbackMs) return null;
  return samples[found].value;
}
