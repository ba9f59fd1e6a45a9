"use client";

import { useQuery } from "@tanstack/react-query";
import { compareUrgency } from "@/lib/console/compare-urgency";
import type { OverviewTarget } from "@/lib/console/get-overview";
import { fetchJson } from "@/lib/console/fetch-json";
import { STATE_RANK } from "@/app/(console)/_components/state-badge";
import { TargetCard, targetStateOf } from "@/app/(console)/_components/overview/target-card";
import { EmptyState } from "@/app/_components/empty-state";

type OverviewResponse = { targets: OverviewTarget[]; generatedAt: string };

function urgency(a: OverviewTarget, b: OverviewTarget): number {
  return compareUrgency({ ...a, stateRank: STATE_RANK[targetStateOf(a)] }, { ...b, stateRank: STATE_RANK[targetStateOf(b)] });
}

export function OverviewBoard({ initial }: { initial: OverviewResponse }) {
  const query = useQuery({
    queryKey: ["targets", "overview"],
    queryFn: () => fetchJson<OverviewResponse>("/api/console/overview"),
    initialData: initial,
    refetchInterval: 5_000,
  });
  const targets = [...query.data.targets].sort(urgency);
  return (
    <>
      {query.isError && (
        <p role="status" className="mb-3 rounded-md border border-crit/50 bg-crit/10 px-3 py-2 text-sm text-crit">
          ⚠ Live updates failed: {query.error.message}. Showing data from {new Date(query.data.generatedAt).toLocaleTimeString()}.
        </p>
      )}
      {targets.length === 0 ? (
        <EmptyState title="No monitored targets yet" body="An admin adds targets; demo mode seeds three simulated services." />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="target-list">
          {targets.map((target) => (
            <TargetCard key={target.id} target={target} />
          ))}
        </ul>
      )}
    </>
  );
}
