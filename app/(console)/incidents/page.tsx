import type { Metadata } from "next";
import Link from "next/link";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { EmptyState } from "@/app/_components/empty-state";
import { LocalTime } from "@/app/(console)/_components/local-time";
import { IncidentStateBadge } from "./_components/incident-state-badge";
import { SeverityBadge } from "./_components/severity-badge";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const incidents = await listIncidents({ limit: 200 });
  return (
    <section aria-labelledby="incidents-heading">
      <h1 id="incidents-heading" className="mb-4 text-2xl font-semibold">
        Incidents
      </h1>
      {incidents.length === 0 ? (
        <EmptyState
          title="No incidents recorded"
          body="An incident opens when a target's HighMemoryUsage alert fires (above 85% for 5 minutes). None has fired yet; if a target looks red on the overview and nothing shows here, check that the worker is running."
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-edge">
          <table className="w-full text-left text-sm" data-testid="incident-list">
            <thead className="bg-panel text-muted">
              <tr>
                <th className="px-4 py-2">#</th>
                <th className="px-4 py-2">State</th>
                <th className="px-4 py-2">Severity</th>
                <th className="px-4 py-2">Target</th>
                <th className="px-4 py-2">Opened</th>
                <th className="px-4 py-2">Resolved</th>
                <th className="px-4 py-2 text-right">Events</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((incident) => (
                <tr
                  key={incident.id}
                  className="border-t border-edge"
                  data-testid={`incident-row-${incident.target.slug}`}
                  data-status={incident.status}
                >
                  <td className="px-4 py-2">
                    <Link href={`/incidents/${incident.id}`} className="text-accent underline">
                      #{incident.id}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <IncidentStateBadge state={incident.state} />
                    {incident.acknowledgedBy && <span className="ml-2 text-xs text-muted">by {incident.acknowledgedBy}</span>}
                  </td>
                  <td className="px-4 py-2">
                    <SeverityBadge severity={incident.severity} />
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/targets/${incident.target.slug}`} className="hover:underline">
                      {incident.target.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2"><LocalTime iso={incident.openedAt} /></td>
                  <td className="px-4 py-2"><LocalTime iso={incident.resolvedAt} /></td>
                  <td className="px-4 py-2 text-right">{incident.eventCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
