import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getIncident } from "@/lib/incidents/get-incident";
import { isActive } from "@/lib/incidents/incident-state";
import { listPossibleLeads } from "@/lib/incidents/list-possible-leads";
import { AppError } from "@/lib/errors";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { BellOffIcon } from "@/app/_components/icons";
import { SeverityBadge } from "@/app/(console)/incidents/_components/severity-badge";
import { AcknowledgeButton } from "@/app/(console)/incidents/_components/acknowledge-button";
import { IncidentStateBadge } from "@/app/(console)/incidents/_components/incident-state-badge";
import { LeadForm, NoteForm } from "./_components/on-call-forms";
import { recordIdSchema } from "@/lib/record-id";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Incident #${(await params).id}` };
}

const KIND_STYLE: Record<string, { icon: React.ReactNode; className: string }> = {
  alert_transition: { icon: "◆", className: "text-warn" },
  silence: { icon: <BellOffIcon />, className: "text-muted" },
  notification: { icon: "✉", className: "text-accent" },
  action: { icon: "⚙", className: "text-ok" },
  note: { icon: "✎", className: "text-ink" },
  acknowledgement: { icon: "◉", className: "text-warn" },
  assignment: { icon: "◎", className: "text-accent" },
  mitigation: { icon: "▼", className: "text-accent" },
  review: { icon: "✎", className: "text-ok" },
};

export default async function IncidentPage({ params }: Props) {
  const id = recordIdSchema("id").safeParse((await params).id);
  if (!id.success) notFound();
  const [user, incident] = await Promise.all([
    requireUser(),
    getIncident({ id: id.data }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
  ]);
  const can = capabilitiesOf(user.role);
  const active = isActive(incident.state);
  const leads = can.assignLead && active ? await listPossibleLeads() : [];
  return (
    <article aria-labelledby="incident-heading" className="space-y-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 id="incident-heading" className="text-2xl font-semibold">
          #{incident.id} {incident.title}
        </h1>
        <SeverityBadge severity={incident.severity} />
        <IncidentStateBadge state={incident.state} />
        <span data-testid="incident-status" className="sr-only">{incident.state}</span>
        <nav className="ml-auto flex gap-3 text-sm" aria-label="Incident">
          <Link href={`/incidents/${incident.id}/review`} className="text-accent underline" data-testid="incident-review-link">Review</Link>
          <Link href={`/targets/${incident.target.slug}`} className="text-accent underline">{incident.target.name}</Link>
          <Link href={`/targets/${incident.target.slug}/alerts`} className="text-accent underline">Alerting</Link>
          <Link href="/incidents" className="text-accent underline">All incidents</Link>
        </nav>
      </header>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-edge bg-panel p-4 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="incident-milestones">
        <Milestone label="Opened" iso={incident.openedAt} />
        <div>
          <dt className="text-xs text-muted">Acknowledged</dt>
          <dd data-testid="incident-acknowledged">
            {incident.acknowledged ? (
              <><LocalTime iso={incident.acknowledged.at} /> by <span className="wrap-anywhere">{incident.acknowledged.by}</span></>
            ) : active && can.respond ? (
              <AcknowledgeButton incidentId={incident.id} />
            ) : (
              <span className="text-muted">not acknowledged</span>
            )}
          </dd>
        </div>
        <Milestone label="Mitigated" iso={incident.mitigatedAt} empty={active ? "not yet" : "—"} />
        <Milestone label="Resolved" iso={incident.resolvedAt} empty="still open" />
        <div className="sm:col-span-2 lg:col-span-4">
          <dt className="text-xs text-muted">Lead</dt>
          <dd data-testid="incident-lead" className="wrap-anywhere">{incident.lead?.label ?? <span className="text-muted">nobody named</span>}</dd>
        </div>
      </dl>
      {(leads.length > 0 || (can.respond && incident.state !== "reviewed")) && (
        <section aria-label="Respond" className="grid gap-4 rounded-lg border border-edge bg-panel p-4 md:grid-cols-2">
          {can.respond && incident.state !== "reviewed" && <NoteForm incidentId={incident.id} />}
          {leads.length > 0 && <LeadForm incidentId={incident.id} leads={leads} current={incident.lead?.id ?? null} />}
        </section>
      )}
      <section aria-labelledby="timeline-heading" className="rounded-lg border border-edge bg-panel p-4">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">Timeline</h2>
        {incident.events.length === 0 ? (
          <p className="text-sm text-muted">No events recorded for this incident.</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="incident-timeline">
            {incident.events.map((event) => {
              const style = KIND_STYLE[event.kind] ?? KIND_STYLE.note;
              return (
                <li key={event.id} className="grid grid-cols-[5.5rem_1.5rem_minmax(0,1fr)] gap-2 sm:grid-cols-[9rem_1.5rem_minmax(0,1fr)] border-b border-edge/60 pb-2 last:border-0" data-kind={event.kind}>
                  <span className="tabular-nums text-muted"><LocalTime iso={event.at} withDate={false} /></span>
                  <span aria-hidden className={style.className}>{style.icon}</span>
                  <span className={`wrap-anywhere ${event.summary.includes("FAILED") ? "font-semibold text-crit" : ""}`}>{event.summary}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </article>
  );
}

function Milestone({ label, iso, empty = "—" }: { label: string; iso: string | null; empty?: string }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd>{iso ? <LocalTime iso={iso} /> : <span className="text-muted">{empty}</span>}</dd>
    </div>
  );
}
