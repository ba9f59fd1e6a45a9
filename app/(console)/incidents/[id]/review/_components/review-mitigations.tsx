import { stayedDownText } from "@/lib/reviews/format-review-markdown";
import type { MitigationRow } from "@/lib/reviews/plan-review";

/** Each action linked to the incident: who, what it called, what the target said, what it did to memory. */
export function ReviewMitigations({ mitigations }: { mitigations: MitigationRow[] }) {
  return (
    <section aria-labelledby="mitigations-heading" className="overflow-x-auto rounded-lg border border-edge bg-panel p-4">
      <h2 id="mitigations-heading" className="mb-3 text-lg font-semibold">Mitigations</h2>
      {mitigations.length === 0 ? (
        <p className="text-sm text-muted">No remediation actions were linked to this incident.</p>
      ) : (
        <table className="w-full min-w-[44rem] text-left text-sm print:min-w-0 print:text-xs" data-testid="review-mitigations">
          <thead className="text-xs text-muted">
            <tr><th className="p-1">#</th><th className="p-1">Action</th><th className="p-1">Requested by</th><th className="p-1">Approved by</th><th className="p-1">Called</th><th className="p-1">Target&apos;s answer</th><th className="p-1">Measured effect</th><th className="p-1">Memory stayed down (30 min)</th></tr>
          </thead>
          <tbody>
            {mitigations.map((a) => (
              <tr key={a.id} className="border-t border-edge/60 align-top">
                <td className="p-1 tabular-nums">{a.id}</td>
                <td className="p-1">{a.label} <span className="text-muted">({a.state})</span></td>
                <td className="p-1 wrap-anywhere">{a.requestedBy}</td>
                <td className="p-1 wrap-anywhere">{a.approvedBy ?? "—"}</td>
                <td className="p-1 font-mono text-xs wrap-anywhere">{a.call}</td>
                <td className="p-1 wrap-anywhere">{a.answer ?? "—"}</td>
                <td className="p-1">{a.effect ?? "—"}</td>
                <td className="p-1">{stayedDownText(a.stayedDown)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
