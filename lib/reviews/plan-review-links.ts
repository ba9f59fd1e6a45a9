import type { AlertThresholds } from "@/lib/alerts/alert-thresholds";

const pct = (ratio: number) => String(Math.round(ratio * 1000) / 10);

/** The rules backtest replaying this incident's window with the current thresholds, ready to edit and rerun. */
export function backtestLinkOf(options: { slug: string; window: { from: number; to: number }; thresholds: AlertThresholds }): string {
  const { thresholds: t } = options;
  const query = new URLSearchParams({
    sev2: pct(t["SEV-2"].ratio),
    sev2for: String(t["SEV-2"].forSeconds),
    sev1: pct(t["SEV-1"].ratio),
    sev1for: String(t["SEV-1"].forSeconds),
    from: new Date(options.window.from).toISOString(),
    to: new Date(options.window.to).toISOString(),
  });
  return `/targets/${encodeURIComponent(options.slug)}/backtest?${query}`;
}

/** Where the review proposes memory limits from the incident's peak. */
export const limitsLinkOf = (incidentId: number) => `/incidents/${incidentId}/review#proposed-limits`;

/** A console path as a full URL for a follow-up (pasted into trackers), or "" when the console's URL is not configured. */
export const absoluteLink = (consoleUrl: string | undefined, path: string) => (consoleUrl ? new URL(path, consoleUrl).toString() : "");
