import type { Metadata } from "next";
import { listTargets } from "@/lib/targets/list-targets";
import { EmptyState } from "@/app/_components/empty-state";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const targets = await listTargets();
  return (
    <section aria-labelledby="overview-heading">
      <h1 id="overview-heading" className="mb-4 text-2xl font-semibold">
        Overview
      </h1>
      {targets.length === 0 ? (
        <EmptyState title="No monitored targets yet" body="An admin adds targets; demo mode seeds three simulated services." />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="target-list">
          {targets.map((target) => (
            <li key={target.id} className="rounded-lg border border-edge bg-panel p-4" data-testid="target-card">
              <div className="text-lg font-semibold">{target.name}</div>
              <div className="text-sm text-muted">{target.slug}</div>
              <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
                <dt className="text-muted">Limit</dt>
                <dd>{target.memoryLimitMb.toLocaleString("en")} MB</dd>
                <dt className="text-muted">Endpoint</dt>
                <dd className="truncate" title={target.baseUrl}>{target.baseUrl}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
