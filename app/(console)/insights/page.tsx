import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getInsights, HISTORY_LIMIT } from "@/lib/insights/get-insights";
import { EmptyState } from "@/app/_components/empty-state";
import { DiagnosisTable } from "@/app/(console)/insights/_components/diagnosis-table";

export const metadata: Metadata = { title: "What worked" };

export default async function InsightsPage() {
  await requireUser();
  const insights = await getInsights();
  return (
    <div className="space-y-4" data-testid="insights" data-diagnoses={insights.diagnoses.length}>
      <h1 className="text-2xl font-semibold">What worked, across incidents</h1>
      <p className="max-w-3xl text-sm text-muted">
        Every runbook action that ran, grouped by the diagnosis its service had when the action was requested: how often it was used,
        the memory it freed, and what happened in the 30 minutes after.
      </p>
      <details className="max-w-3xl text-sm text-muted">
        <summary className="cursor-pointer text-ink">How these figures are counted</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>Memory freed is the sample just before the action minus the sample 1 minute after it finished.</li>
          <li>
            Actions whose 5-minute windows overlapped cannot be told apart (each says &ldquo;measured together with …&rdquo;; decision
            0014): they are counted in their own column, once per group, never in the median.
          </li>
          <li>&ldquo;Back above SEV-2&rdquo;: a sample in the 30 minutes after the action was above the service&apos;s SEV-2 threshold.</li>
          <li>&ldquo;Restart&rdquo;: a rolling or emergency restart started on the same service in those 30 minutes.</li>
          <li>Uses less than 30 minutes old, or without samples after them, are left out of those two shares until they can be judged.</li>
          <li>Failed runs are listed apart, never as uses. The newest {HISTORY_LIMIT.toLocaleString("en")} actions are read.</li>
        </ul>
      </details>
      {insights.diagnoses.length === 0 ? (
        <EmptyState
          title="No mitigation has run yet"
          body="When a runbook action runs on a service (from its target page, or by its auto-remediation policy), it appears here under the diagnosis the service had then, with the memory it freed 1 minute later, and 30 minutes on whether memory was back above the SEV-2 threshold and whether a restart followed."
        />
      ) : (
        insights.diagnoses.map((insight) => <DiagnosisTable key={insight.key} insight={insight} />)
      )}
    </div>
  );
}
