import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";

export type ResampleAtStepsOptions = {
  /** Sorted by `t` ascending. */
  samples: readonly MemoryPoint[];
  stepMs?: number;
};

/**
 * The series as the runbook's `interval=5m` query returns it: one value per step,
 * steps anchored on the newest sample and counted backwards, each step holding the
 * last sample in (step - stepMs, step]; null for an empty step (pandas' NaN).
 * Anchoring on the newest sample keeps `iloc[-1]` the current reading.
 */
export function resampleAtSteps({ samples, stepMs = fiveMinutesMs }: ResampleAtStepsOptions): (number | null)[] {
  if (samples.length === 0) return [];
  const newestT = samples[samples.length - 1].t;
  const stepCount = Math.floor((newestT - samples[0].t) / stepMs) + 1;
  const values: (number | null)[] = new Array(stepCount).fill(null);
  for (let i = samples.length - 1; i >= 0; i -= 1) {
    const stepsBack = Math.floor((newestT - samples[i].t) / stepMs);
    const index = stepCount - 1 - stepsBack;
    // Walking newest-first, the first sample seen in a step is that step's last one.
    if (values[index] === null) values[index] = samples[i].valueMb;
  }
  return values;
}

/** pandas `series.diff().mean()`: differences touching a NaN are skipped. */
export function measureDiffMean({ values }: { values: readonly (number | null)[] }): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 1; i < values.length; i += 1) {
    const previous = values[i - 1];
    const current = values[i];
    if (previous === null || current === null) continue;
    sum += current - previous;
    count += 1;
  }
  return count === 0 ? null : sum / count;
}
