import { formatMb, formatSignedMb } from "@/lib/format";
import type { ReviewDiagnosis } from "@/lib/reviews/summarize-review-diagnosis";
import { COMPONENT_LABEL } from "@/lib/reviews/summarize-review-diagnosis";
import { LocalTime } from "@/app/(console)/_components/local-time";

function DiagnosisCard({ title, diagnosis, testId }: { title: string; diagnosis: ReviewDiagnosis | null; testId: string }) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {!diagnosis ? (
        <p className="text-sm text-muted">Not enough data: no samples in the 3 hours before it.</p>
      ) : (
        <>
          <p className="text-xs text-muted">The 3 hours before <LocalTime iso={diagnosis.at} /></p>
          <p className="text-sm">{diagnosis.text[0].toUpperCase() + diagnosis.text.slice(1)}</p>
          <p className="text-xs text-muted">
            {formatMb(diagnosis.totalMb)}{diagnosis.percent !== null && ` (${diagnosis.percent.toFixed(1)}% of the limit)`}
            {diagnosis.slopeMbPer5m !== null && `; trend ${formatSignedMb(diagnosis.slopeMbPer5m, 1)}/5 min`}
          </p>
          {diagnosis.components.length > 0 && (
            <ul className="mt-1 text-xs">
              {diagnosis.components.map((c) => (
                <li key={c.key} className={diagnosis.component?.key === c.key ? "font-semibold" : "text-muted"}>
                  {COMPONENT_LABEL[c.key]}: {formatMb(c.fromMb)} → {formatMb(c.toMb)} ({formatSignedMb(c.changeMb)})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** The runbook's decision tree at the incident's opening and at its peak, with the figures. */
export function ReviewDiagnoses({ atOpen, atPeak }: { atOpen: ReviewDiagnosis | null; atPeak: ReviewDiagnosis | null }) {
  return (
    <div className="mt-4 grid gap-4 border-t border-edge pt-3 sm:grid-cols-2">
      <DiagnosisCard title="Diagnosis at open" diagnosis={atOpen} testId="review-diagnosis-open" />
      <DiagnosisCard title="Diagnosis at peak" diagnosis={atPeak} testId="review-diagnosis-peak" />
    </div>
  );
}
