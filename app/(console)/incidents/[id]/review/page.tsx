import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatSeconds } from "@/lib/alerts/describe-alert";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { recordIdSchema } from "@/lib/record-id";
import { stayedDownText } from "@/lib/reviews/format-review-markdown";
import { getIncidentReview } from "@/lib/reviews/get-incident-review";
import type { Milestone } from "@/lib/reviews/plan-review";
import { FOLLOW_UP_STATE_LABEL, ROOT_CAUSE_LABEL } from "@/lib/reviews/review-content";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { SeverityBadge } from "@/app/(console)/incidents/_components/severity-badge";
import { IncidentStateBadge } from "@/app/(console)/incidents/_components/incident-state-badge";
import { AmendmentForm, ReviewForm } from "./_components/review-form";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Review of incident #${(await params).id}` };
}

const panel = "rounded-lg border border-edge bg-panel p-4";

export default async function IncidentReviewPage({ params }: Props) {
  const id = recordIdSchema("id").safeParse((await params).id);
  if (!id.success) notFound();
  const [user, data] = await Promise.all([
    requireUser(),
    getIncidentReview({ incidentId: id.data }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
  ]);
  const { incident, plan, review } = data;
  const can = capabilitiesOf(user.role);
  const published = review.status === "published";
  const m = plan.milestones;
  return (
    <article aria-labelledby="review-heading" className="space-y-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 id="review-heading" className="text-2xl font-semibold">Review of #{incident.id} {incident.title} on {incident.target.name}</h1>
        <SeverityBadge severity={incident.severity} />
        <IncidentStateBadge state={incident.state} />
        <nav className="ml-auto flex gap-3 text-sm" aria-label="Review">
          <Link href={`/incidents/${incident.id}`} className="text-accent underline">Incident</Link>
          <a href={`/api/incidents/${incident.id}/review.md`} className="text-accent underline" data-testid="review-markdown">Markdown</a>
        </nav>
      </header>
      <p className="text-sm" data-testid="review-status">
        {review.published ? (
          <>Published by <span className="wrap-anywhere">{review.published.by}</span> at <LocalTime iso={review.published.at} />. The text below is the record; later findings are amendments.</>
        ) : (
          <>Draft{review.draftedBy ? <> last saved by {review.draftedBy}</> : " (not saved yet: the follow-ups are the runbook's post-incident checklist)"}.</>
        )}
      </p>

      <section aria-labelledby="milestones-heading" className={panel}>
        <h2 id="milestones-heading" className="mb-3 text-lg font-semibold">Milestones</h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-5" data-testid="review-milestones">
          <MilestoneItem label="Opened" milestone={m.opened} />
          <MilestoneItem label="Acknowledged" duration="time to acknowledge" milestone={m.acknowledged} />
          <MilestoneItem label="First action" duration="after open" milestone={m.firstAction} />
          <MilestoneItem label="Mitigated" duration="time to mitigate" milestone={m.mitigated} />
          <MilestoneItem label="Resolved" duration="time to resolve" milestone={m.resolved} />
        </dl>
        <p className="mt-3 text-sm"><span className="text-muted">Diagnosis at open (3 h before): </span>{data.diagnosisAtOpen ?? "not enough data"}</p>
      </section>

      <section aria-labelledby="mitigations-heading" className={`${panel} overflow-x-auto`}>
        <h2 id="mitigations-heading" className="mb-3 text-lg font-semibold">Mitigations</h2>
        {plan.mitigations.length === 0 ? (
          <p className="text-sm text-muted">No remediation actions were linked to this incident.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="review-mitigations">
            <thead className="text-xs text-muted">
              <tr><th className="p-1">#</th><th className="p-1">Action</th><th className="p-1">Requested by</th><th className="p-1">Approved by</th><th className="p-1">Called</th><th className="p-1">Target&apos;s answer</th><th className="p-1">Measured effect</th><th className="p-1">Memory stayed down (30 min)</th></tr>
            </thead>
            <tbody>
              {plan.mitigations.map((a) => (
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

      <section aria-labelledby="analysis-heading" className={panel}>
        <h2 id="analysis-heading" className="mb-3 text-lg font-semibold">Root cause and follow-ups</h2>
        {can.respond && !published ? (
          <ReviewForm incidentId={incident.id} initial={review} mayPublish={can.publishReview && incident.state === "resolved"} />
        ) : (
          <div className="space-y-3 text-sm" data-testid="review-readonly">
            <p><span className="text-muted">Root cause: </span>{review.rootCause ? ROOT_CAUSE_LABEL[review.rootCause] : "not chosen yet"}</p>
            {review.summary && <p className="whitespace-pre-wrap">{review.summary}</p>}
            <ul className="space-y-1">
              {review.followUps.map((f, i) => (
                <li key={i}>
                  {f.item} <span className="text-muted">({FOLLOW_UP_STATE_LABEL[f.state]}{f.owner ? `, ${f.owner}` : ""})</span>{" "}
                  {f.link && <a href={f.link} className="text-accent underline wrap-anywhere" rel="noreferrer">{f.link}</a>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {review.amendments.length > 0 && (
          <ol className="mt-4 space-y-1 border-t border-edge pt-3 text-sm" aria-label="Amendments" data-testid="review-amendments">
            {review.amendments.map((a) => (
              <li key={a.id}><LocalTime iso={a.at} /> <span className="wrap-anywhere">{a.by}</span>: {a.text}</li>
            ))}
          </ol>
        )}
        {published && can.publishReview && <div className="mt-4"><AmendmentForm incidentId={incident.id} /></div>}
      </section>

      <section aria-labelledby="review-timeline-heading" className={panel}>
        <h2 id="review-timeline-heading" className="mb-3 text-lg font-semibold">Timeline</h2>
        <ol className="space-y-1 text-sm" data-testid="review-timeline">
          {incident.events.map((e) => (
            <li key={e.id} className="grid grid-cols-[9rem_8rem_minmax(0,1fr)] gap-2 border-b border-edge/60 pb-1 last:border-0" data-kind={e.kind}>
              <span className="tabular-nums text-muted"><LocalTime iso={e.at} /></span>
              <span className="text-xs text-muted">{e.kind.replace("_", " ")}</span>
              <span className="wrap-anywhere">{e.summary}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function MilestoneItem({ label, milestone, duration }: { label: string; milestone: Milestone; duration?: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd>
        {milestone.at ? <LocalTime iso={milestone.at} /> : <span className="text-muted">—</span>}
        {milestone.by && <span className="block text-xs wrap-anywhere">by {milestone.by}</span>}
        {duration && milestone.afterOpenMs !== null && <span className="block text-xs text-muted">{formatSeconds(Math.round(milestone.afterOpenMs / 1000))} {duration}</span>}
      </dd>
    </div>
  );
}
