import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getInsights, HISTORY_LIMIT } from "@/lib/insights/get-insights";
import { parseInsightsFilter, type InsightsFilter } from "@/lib/insights/insights-filter";
import { listTargets } from "@/lib/targets/list-targets";
import { EmptyState } from "@/app/_components/empty-state";
import { DiagnosisTable } from "@/app/(console)/insights/_components/diagnosis-table";

export const metadata: Metadata = { title: "What worked" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const field = "mt-1 block rounded-md border border-edge bg-surface px-2 py-1";

function Heading() {
  return <h1 className="text-2xl font-semibold">What worked, across incidents</h1>;
}

export default async function InsightsPage({ searchParams }: Props) {
  await requireUser();
  let filter: InsightsFilter;
  try {
    filter = parseInsightsFilter(await searchParams);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    return (
      <div className="space-y-4">
        <Heading />
        <EmptyState title="Bad filter" body={`${error.message}. Nothing was searched.`} />
        <p className="text-sm"><Link href="/insights" className="text-accent underline">All services</Link></p>
      </div>
    );
  }
  const [targets, insights] = await Promise.all([listTargets(), getInsights({ targetSlug: filter.service })]);
  const service = filter.service ? targets.find((t) => t.slug === filter.service) : undefined;
  if (filter.service && !service) {
    return (
      <div className="space-y-4">
        <Heading />
        <EmptyState title="No such service" body={`No service has the slug "${filter.service}".`} />
        <p className="text-sm"><Link href="/insights" className="text-accent underline">All services</Link></p>
      </div>
    );
  }
  return (
    <div className="space-y-4" data-testid="insights" data-diagnoses={insights.diagnoses.length} data-service={service?.slug ?? ""}>
      <Heading />
      {/* A plain GET form: it filters before the page's script has loaded too. */}
      <form method="get" action="/insights" className="flex flex-wrap items-end gap-2 text-sm" aria-label="Filter by service">
        <label className="text-muted">
          Service
          <select name="service" defaultValue={service?.slug ?? ""} className={field}>
            <option value="">All services</option>
            {targets.map((t) => (
              <option key={t.slug} value={t.slug}>{t.name} ({t.slug})</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-edge px-3 py-1">Show</button>
        {service && <Link href={`/targets/${service.slug}`} className="text-accent underline">{service.name}&apos;s page</Link>}
      </form>
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
          title={service ? `No mitigation has run on ${service.name} yet` : "No mitigation has run yet"}
          body="When a runbook action runs on a service (from its target page, or by its auto-remediation policy), it appears here under the diagnosis the service had then, with the memory it freed 1 minute later, and 30 minutes on whether memory was back above the SEV-2 threshold and whether a restart followed."
        />
      ) : (
        insights.diagnoses.map((insight) => <DiagnosisTable key={insight.key} insight={insight} />)
      )}
    </div>
  );
}
