import type { TargetAlertState } from "@/lib/alerts/target-alert-state";

/**
 * How far the figures on a page can be trusted, decided once on the server and shown as is:
 * the target stopped answering, nothing was stored in the window shown, or the newest sample
 * is older than the alert's lookback (the collector is not running), else ok.
 */
export type DataState = {
  status: "ok" | "stale" | "target_down" | "no_data";
  /** Plain words for the page; null when ok. */
  message: string | null;
  /** Newest memory sample in the window shown (ISO), null when there is none. */
  lastSampleAt: string | null;
};

export type DescribeDataStateOptions = {
  lastSampleAt: number | null;
  lastScrapeAt: string | null;
  lastScrapeOk: boolean | null;
  lastScrapeError: string | null;
  /** The window shown, in words: "the last hour". */
  window: string;
  /** A sample older than this is stale: the alert rule's lookback. */
  staleAfterMs: number;
  now: number;
};

export function describeDataState(options: DescribeDataStateOptions): DataState {
  const lastSampleAt = options.lastSampleAt === null ? null : new Date(options.lastSampleAt).toISOString();
  if (options.lastScrapeOk === false) {
    const stored = lastSampleAt === null ? ` No memory samples are stored for ${options.window}.` : "";
    return { status: "target_down", message: `The target stopped answering: ${options.lastScrapeError ?? "no answer"}.${stored}`, lastSampleAt };
  }
  if (options.lastSampleAt === null) {
    const message = options.lastScrapeAt === null ? "This target has not been scraped yet." : `No memory samples in ${options.window}: the collector has not stored any.`;
    return { status: "no_data", message, lastSampleAt };
  }
  if (options.now - options.lastSampleAt > options.staleAfterMs) {
    const minutes = Math.round((options.now - options.lastSampleAt) / 60_000);
    return {
      status: "stale",
      message: `The newest sample is ${minutes} min old: the collector may not be running, so these figures and the alert state are out of date.`,
      lastSampleAt,
    };
  }
  return { status: "ok", message: null, lastSampleAt };
}

/**
 * The state a target is shown under: the evaluated alert when there is one, else what the data
 * says (no sample within the lookback reads as no data, as the evaluator would see it).
 */
export function targetStateOf(options: { alert: { state: TargetAlertState } | null; lastSampleAt: number | null; staleAfterMs: number; now: number }): TargetAlertState {
  if (options.alert) return options.alert.state;
  if (options.lastSampleAt === null || options.now - options.lastSampleAt > options.staleAfterMs) return "no_data";
  return "ok";
}
