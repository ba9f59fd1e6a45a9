import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { capabilitiesOf, hasPermission } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { recordIdSchema } from "@/lib/record-id";
import { getIncidentReview } from "@/lib/reviews/get-incident-review";
import type { Milestone } from "@/lib/reviews/plan-review";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { SeverityBadge } from "@/app/(console)/incidents/_components/severity-badge";
import { IncidentStateBadge } from "@/app/(console)/incidents/_components/incident-state-badge";
import { AmendmentForm, ReviewForm } from "./_components/review-form";
import { PrintButton } from "./_components/print-button";
import { ReviewChart } from "./_components/review-chart";
import { ReviewDiagnoses } from "./_components/review-diagnoses";
import { ReviewFollowUpLinks } from "./_components/review-follow-up-links";
import { ReviewMitigations } from "./_components/review-mitigations";
import { ReviewReadonly } from "./_components/review-readonly";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Review of incident #${(await params).id}` };
}

const panel = "rounded-lg border border-edge bg-panel p-4";
const took = (m: Milestone) => (m.afterOpenMs === null ? null : formatSeconds(Math.round(m.afterOpenMs / 1000)));

export default async function IncidentReviewPage({ params, searchParams }: Props) {
  const id = recordIdSchema("id").safeParse((await params).id);
  if (!id.success) notFound();
  const printing = (await searchParams).print === "1";
  const [user, data] = await Promise.all([
    requireUser(),
    getIncidentReview({ incidentId: id.data }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
  ]);
  const { incident, plan, review, evidence } = data;
  const can = capabilitiesOf(user.role);
  const published = review.status === "published";
  const m = plan.milestones;
  const editable = can.respond && !published && !printing;
  const unsaved = review.draftedBy === null;
  // Within a day the minutes of a short incident all read the same: the seconds tell the order.
  const withDate = evidence.chart.multiDay;
  return (
    <article aria-labelledby="review-heading" className="space-y-4 print:space-y-3" data-print={printing ? "1" : undefined}>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 id="review-heading" className="text-2xl font-semibold">Review of #{incident.id} {incident.title}{incident.title.includes(incident.target.name) ? "" : ` on ${incident.target.name}`}</h1>
        <SeverityBadge severity={incident.severity} />
        <IncidentStateBadge state={incident.state} testId="review-state" />
        <nav className="ml-auto flex flex-wrap items-center gap-3 text-sm print:hidden" aria-label="Review">
          <Link href={`/incidents/${incident.id}`} className="text-accent underline">Incident</Link>
          <Link href={`/targets/${incident.target.slug}`} className="text-accent underline">Service</Link>
          <a href={`/api/incidents/${incident.id}/review.md`} className="text-accent underline" data-testid="review-markdown">Markdown</a>
          {printing ? <PrintButton /> : <Link href={`/incidents/${incident.id}/review?print=1`} className="text-accent underline" data-testid="review-print">Print</Link>}
        </nav>
      </header>
      <p className="text-sm" data-testid="review-story">
        {incident.severity} high memory on <strong>{incident.target.name}</strong>: opened <LocalTime iso={m.opened.at} />
        {m.acknowledged.at && <>, acknowledged after {took(m.acknowledged)}{m.acknowledged.by && ` by ${m.acknowledged.by}`}</>}
        {plan.mitigations.length > 0 && <>, {plan.mitigations.length} remediation action{plan.mitigations.length === 1 ? "" : "s"}</>}
        {m.mitigated.at && <>, memory back under the threshold after {took(m.mitigated)}</>}
        {m.resolved.at ? <>, resolved after {took(m.resolved)}.</> : <>; still {incident.state}.</>}
        {evidence.peak && <> Memory peaked at {Math.round(evidence.peak.valueMb).toLocaleString("en")} MB of {evidence.chart.limitMb.toLocaleString("en")} MB.</>}
      </p>
      <p className="text-sm text-muted" data-testid="review-status">
        {review.published ? (
          <>Published by <span className="wrap-anywhere">{review.published.by}</span> at <LocalTime iso={review.published.at} />. The text below is the record; later findings are amendments.</>
        ) : (
          <>Draft{review.draftedBy ? <> last saved by {review.draftedBy}</> : " (not saved yet: the root cause, summary and links are suggested from the data, the follow-ups are the runbook's post-incident checklist)"}.</>
        )}
      </p>

      <ReviewChart evidence={evidence} open={incident.resolvedAt === null} />

      <section aria-labelledby="milestones-heading" className={`${panel} break-inside-avoid`}>
        <h2 id="milestones-heading" className="mb-3 text-lg font-semibold">Milestones</h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-5 print:grid-cols-5" data-testid="review-milestones">
          <MilestoneItem label="Opened" milestone={m.opened} withDate />
          <MilestoneItem label="Acknowledged" duration="time to acknowledge" milestone={m.acknowledged} withDate={withDate} />
          <MilestoneItem label="First action" duration="after open" milestone={m.firstAction} withDate={withDate} />
          <MilestoneItem label="Mitigated" duration="time to mitigate" milestone={m.mitigated} withDate={withDate} />
          <MilestoneItem label="Resolved" duration="time to resolve" milestone={m.resolved} withDate={withDate} />
        </dl>
        <ReviewDiagnoses atOpen={evidence.diagnoses.atOpen} atPeak={evidence.diagnoses.atPeak} />
      </section>

      <ReviewMitigations mitigations={plan.mitigations} />

      <section aria-labelledby="analysis-heading" className={panel}>
        <h2 id="analysis-heading" className="mb-3 text-lg font-semibold">Root cause and follow-ups</h2>
        {editable ? (
          <ReviewForm
            incidentId={incident.id}
            initial={{
              rootCause: review.rootCause ?? (unsaved ? evidence.suggestedRootCause : null),
              summary: review.summary || (unsaved ? evidence.evidence.join("\n") : ""),
              followUps: review.followUps,
            }}
            evidence={evidence.evidence}
            mayPublish={can.publishReview && incident.state === "resolved"}
          />
        ) : (
          <ReviewReadonly review={review} evidence={evidence.evidence} />
        )}
        {review.amendments.length > 0 && (
          <ol className="mt-4 space-y-1 border-t border-edge pt-3 text-sm" aria-label="Amendments" data-testid="review-amendments">
            {review.amendments.map((a) => (
              <li key={a.id}><LocalTime iso={a.at} /> <span className="wrap-anywhere">{a.by}</span>: {a.text}</li>
            ))}
          </ol>
        )}
        {published && can.publishReview && !printing && <div className="mt-4 print:hidden"><AmendmentForm incidentId={incident.id} /></div>}
        <ReviewFollowUpLinks evidence={evidence} limitMb={evidence.chart.limitMb} mayBacktest={hasPermission(user.role, "manage:thresholds")} />
      </section>

      <section aria-labelledby="review-timeline-heading" className={panel}>
        <h2 id="review-timeline-heading" className="mb-3 text-lg font-semibold">Timeline</h2>
        <p className="mb-2 text-xs text-muted">
          The incident&apos;s own record, with the service&apos;s threshold and settings edits in the window{withDate ? "" : <>; times of <LocalTime iso={m.opened.at} /> onwards, to the second</>}.
        </p>
        <ol className="space-y-1 text-sm" data-testid="review-timeline">
          {data.timeline.map((e) => (
            <li key={e.id} className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)] gap-x-2 border-b border-edge/60 pb-1 last:border-0 sm:grid-cols-[9rem_8rem_minmax(0,1fr)]" data-kind={e.kind}>
              <span className="tabular-nums text-muted"><LocalTime iso={e.at} withDate={withDate} /></span>
              <span className="text-xs text-muted">{e.kind.replaceAll("_", " ")}</span>
              <span className="col-span-2 wrap-anywhere sm:col-span-1">{e.summary}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function MilestoneItem({ label, milestone, duration, withDate }: { label: string; milestone: Milestone; duration?: string; withDate: boolean }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd>
        {milestone.at ? <LocalTime iso={milestone.at} withDate={withDate} /> : <span className="text-muted">—</span>}
        {milestone.by && <span className="block text-xs wrap-anywhere">by {milestone.by}</span>}
        {duration && milestone.afterOpenMs !== null && <span className="block text-xs text-muted">{took(milestone)} {duration}</span>}
      </dd>
    </div>
  );
}
