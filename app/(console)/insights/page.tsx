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
        Every runbook action that ran, grouped by the diagnosis its service had when the action was requested. Memory freed is the
        sample just before the action minus the sample 1 minute after. Actions whose 5-minute windows overlapped cannot be told
        apart (each such action says &ldquo;measured together with …&rdquo;; decision 0014):
        they are counted in their own column, never in the median. &ldquo;Back above SEV-2&rdquo; counts uses after which a sample in
        the next 30 minutes was above the service&apos;s SEV-2 threshold; &ldquo;restart&rdquo; counts a rolling or emergency restart
        started on the same service in those 30 minutes. The newest {HISTORY_LIMIT.toLocaleString("en")} actions are read.
      </p>
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
