import { estimateTheilSenSlope } from "./estimate-theil-sen-slope";
import { fiveMinutesMs, type MemoryPoint } from "@/lib/metrics/memory-point";
import { measureDiffMean, resampleAtSteps } from "./resample-at-steps";

export type ForecastMemoryOptions = {
  samples: readonly MemoryPoint[];
  limitMb: number;
  /**
   * Growth below this is "negligible": not projected. Default: 0.01 % of the limit
   * per 5 minutes, i.e. it would take about 35 days to grow by the whole limit.
   */
  minGrowthMbPer5m?: number;
  maxPairs?: number;
};

export type NotProjectedReason = "insufficient_data" | "not_growing" | "negligible_growth";

export type MemoryForecast = {
  limitMb: number;
  currentMb: number | null;
  currentAt: number | null;
  /** MB per 5 minutes: the runbook's `df['value'].diff().mean()` and the robust Theil–Sen slope. */
  growthMbPer5m: { diffMean: number | null; theilSen: number | null };
  /** From the Theil–Sen slope; 0 when already at the limit; null when not projected. */
  timeToLimitMinutes: number | null;
  /** The runbook script's own answer from the diff-mean rate, for comparison. */
  runbookTimeToLimitMinutes: number | null;
  notProjected: NotProjectedReason | null;
  /** The runbook's warning: the limit is fewer than 12 five-minute intervals away. */
  limitWithinHour: boolean;
};

/** The runbook's memory trend analysis, with a regression that one outlier cannot swing. */
export function forecastMemory({ samples, limitMb, minGrowthMbPer5m, maxPairs }: ForecastMemoryOptions): MemoryForecast {
  if (!(limitMb > 0)) throw new RangeError("limitMb must be above 0");
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const current = sorted.at(-1) ?? null;
  const diffMean = measureDiffMean({ values: resampleAtSteps({ samples: sorted }) });
  const slopePerMs = estimateTheilSenSlope({ points: sorted.map((s) => ({ x: s.t, y: s.valueMb })), maxPairs });
  const theilSen = slopePerMs === null ? null : slopePerMs * fiveMinutesMs;
  const floor = minGrowthMbPer5m ?? limitMb / 10_000;

  const base = {
    limitMb,
    currentMb: current?.valueMb ?? null,
    currentAt: current?.t ?? null,
    growthMbPer5m: { diffMean, theilSen },
    runbookTimeToLimitMinutes: current ? projectMinutes({ currentMb: current.valueMb, limitMb, rate: diffMean, floor: 0 }) : null,
  };
  if (current && current.valueMb >= limitMb) {
    return { ...base, timeToLimitMinutes: 0, notProjected: null, limitWithinHour: true };
  }
  const notProjected = classifyGrowth({ hasCurrent: current !== null, rate: theilSen, floor });
  const timeToLimitMinutes =
    current && notProjected === null ? projectMinutes({ currentMb: current.valueMb, limitMb, rate: theilSen, floor }) : null;
  return {
    ...base,
    timeToLimitMinutes,
    notProjected,
    limitWithinHour: timeToLimitMinutes !== null && timeToLimitMinutes < 60,
  };
}

function classifyGrowth({ hasCurrent, rate, floor }: { hasCurrent: boolean; rate: number | null; floor: number }): NotProjectedReason | null {
  if (!hasCurrent || rate === null) return "insufficient_data";
  if (rate <= 0) return "not_growing";
  if (rate < floor) return "negligible_growth";
  return null;
}

type ProjectMinutesOptions = { currentMb: number; limitMb: number; rate: number | null; floor: number };

// (limit - current) / rate is in 5-minute intervals, as in the runbook script.
function projectMinutes({ currentMb, limitMb, rate, floor }: ProjectMinutesOptions): number | null {
  if (currentMb >= limitMb) return 0;
  if (rate === null || rate <= 0 || rate < floor) return null;
  return ((limitMb - currentMb) / rate) * 5;
}
