import type { Metadata } from "next";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Incidents" };

export default function IncidentsPage() {
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Incidents</h1>
      <EmptyState
        title="No incidents recorded"
        body="Incidents open when a HighMemoryUsage alert fires; alert evaluation is not enabled in this build yet."
      />
    </section>
  );
}
