import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getIncident } from "@/lib/incidents/get-incident";
import { AppError } from "@/lib/errors";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { BellOffIcon } from "@/app/_components/icons";
import { SeverityBadge } from "@/app/(console)/incidents/_components/severity-badge";
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
  note: { icon: "✎", className: "text-muted" },
};

export default async function IncidentPage({ params }: Props) {
  const id = recordIdSchema("id").safeParse((await params).id);
  if (!id.success) notFound();
  const incident = await getIncident({ id: id.data }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <article aria-labelledby="incident-heading" className="space-y-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 id="incident-heading" className="text-2xl font-semibold">
          #{incident.id} {incident.title}
        </h1>
        <SeverityBadge severity={incident.severity} />
        <span data-testid="incident-status" className={incident.status === "open" ? "font-semibold text-crit" : "text-muted"}>
          {incident.status}
        </span>
        <nav className="ml-auto flex gap-3 text-sm" aria-label="Incident">
          <Link href={`/targets/${incident.target.slug}`} className="text-accent underline">{incident.target.name}</Link>
          <Link href={`/targets/${incident.target.slug}/alerts`} className="text-accent underline">Alerting</Link>
          <Link href="/incidents" className="text-accent underline">All incidents</Link>
        </nav>
      </header>
      <p className="text-sm text-muted">
        Opened <LocalTime iso={incident.openedAt} />
        {incident.resolvedAt ? <> · resolved <LocalTime iso={incident.resolvedAt} /></> : " · still open"}. Review features come later; this is
        the timeline as recorded.
      </p>
      <section aria-labelledby="timeline-heading" className="rounded-lg border border-edge bg-panel p-4">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">Timeline</h2>
        {incident.events.length === 0 ? (
          <p className="text-sm text-muted">No events recorded for this incident.</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="incident-timeline">
            {incident.events.map((event) => {
              const style = KIND_STYLE[event.kind] ?? KIND_STYLE.note;
              return (
                <li key={event.id} className="grid grid-cols-[9rem_1.5rem_1fr] gap-2 border-b border-edge/60 pb-2 last:border-0" data-kind={event.kind}>
                  <span className="tabular-nums text-muted"><LocalTime iso={event.at} withDate={false} /></span>
                  <span aria-hidden className={style.className}>{style.icon}</span>
                  <span className={event.summary.includes("FAILED") ? "font-semibold text-crit" : ""}>{event.summary}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </article>
  );
}
