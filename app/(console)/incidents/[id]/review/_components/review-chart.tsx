import type { ReviewEvidence } from "@/lib/reviews/read-review-evidence";
import { REVIEW_MARGIN_MS } from "@/lib/reviews/plan-review-chart";
import { formatMb } from "@/lib/format";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { MemoryChart } from "@/app/(console)/targets/[slug]/_components/memory-chart";

const panel = "rounded-lg border border-edge bg-panel p-4 break-inside-avoid";

/** Memory over the incident's window with everything that happened marked, drawn from the server's data. */
export function ReviewChart({ evidence, open }: { evidence: ReviewEvidence; open: boolean }) {
  const { chart, peak } = evidence;
  return (
    <section aria-labelledby="review-chart-heading" className={panel}>
      <h2 id="review-chart-heading" className="text-lg font-semibold">Memory during the incident</h2>
      <p className="mb-2 text-sm text-muted">
        From {REVIEW_MARGIN_MS / 60_000} min before it opened to {open ? "now (it is still open)" : `${REVIEW_MARGIN_MS / 60_000} min after it resolved`}:{" "}
        <LocalTime iso={new Date(chart.axis.from).toISOString()} /> to <LocalTime iso={new Date(chart.axis.to).toISOString()} />.
        {peak && (
          <> Peak <strong className="text-ink" data-testid="review-peak">{formatMb(peak.valueMb)}</strong> ({((peak.valueMb / chart.limitMb) * 100).toFixed(1)}% of the {formatMb(chart.limitMb)} limit) at <LocalTime iso={new Date(peak.t).toISOString()} />.</>
        )}
      </p>
      {chart.points.length === 0 ? (
        <p className="rounded-md border border-dashed border-edge p-4 text-sm text-muted">No memory samples were stored for this window (the target was not scraped, or its data has passed retention).</p>
      ) : (
        <MemoryChart points={chart.points} projection={[]} limitMb={chart.limitMb} thresholds={chart.thresholds} axis={chart.axis} markers={chart.markers} multiDay={chart.multiDay} />
      )}
      {chart.markers.length > 0 && (
        <div className="mt-2 text-sm">
          <h3 className="text-xs text-muted">Marked on the chart</h3>
          <ul className="mt-1 grid gap-x-4 sm:grid-cols-2" data-testid="review-chart-marks">
            {chart.markers.map((m) => (
              <li key={`${m.t}-${m.label}`}>
                <span className="tabular-nums text-muted"><LocalTime iso={new Date(m.t).toISOString()} /></span> {m.labels.join(", ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
