import Link from "next/link";
import { composeSize, LIMIT_STEP_MB, PEAK_FACTOR } from "@/lib/reviews/propose-memory-limits";
import type { ReviewEvidence } from "@/lib/reviews/read-review-evidence";
import { formatMb } from "@/lib/format";

/** "Update thresholds" and "update configuration", worked out from this incident's data. */
export function ReviewFollowUpLinks({ evidence, limitMb, mayBacktest }: { evidence: ReviewEvidence; limitMb: number; mayBacktest: boolean }) {
  const { limits } = evidence;
  return (
    <div className="mt-4 grid gap-4 border-t border-edge pt-3 text-sm md:grid-cols-2">
      <div className="min-w-0">
        <h3 className="font-semibold">Update thresholds</h3>
        <p className="text-muted">Replay this incident&apos;s window through the alert evaluator with other thresholds, beside the current ones.</p>
        {mayBacktest ? (
          <Link href={evidence.links.backtest} className="text-accent underline" data-testid="review-backtest-link">Backtest thresholds on this incident&apos;s data</Link>
        ) : (
          <p className="text-muted">The backtest is for admins, who can change thresholds.</p>
        )}
      </div>
      <div className="min-w-0" id="proposed-limits" data-testid="review-proposed-limits">
        <h3 className="font-semibold">Update configuration: proposed memory limits</h3>
        {!limits ? (
          <p className="text-muted">No samples in the window to propose limits from.</p>
        ) : (
          <>
            <p className="text-muted">
              Limit {composeSize(limits.limitMb)}: the peak {formatMb(limits.peakMb)} × {PEAK_FACTOR}; reservation {composeSize(limits.reservationMb)}: the median{" "}
              {formatMb(limits.medianMb)} over the window; both rounded up to {LIMIT_STEP_MB} MB. Headroom&apos;s limit for it now: {formatMb(limitMb)}.
            </p>
            <pre className="mt-1 overflow-x-auto rounded-md border border-edge bg-surface p-2 font-mono text-xs">{limits.yaml}</pre>
          </>
        )}
      </div>
    </div>
  );
}
