"use client";

import { useQuery } from "@tanstack/react-query";
import { compareUrgency } from "@/lib/console/compare-urgency";
import type { OverviewTarget } from "@/lib/console/get-overview";
import { fetchJson } from "@/lib/console/fetch-json";
import { formatTime } from "@/lib/format";
import { STATE_RANK } from "@/app/(console)/_components/state-badge";
import { TargetCard } from "@/app/(console)/_components/overview/target-card";
import { EmptyState } from "@/app/_components/empty-state";
import { useClock } from "@/app/_components/clock";

type OverviewResponse = { targets: OverviewTarget[]; generatedAt: string };

function urgency(a: OverviewTarget, b: OverviewTarget): number {
  return compareUrgency({ ...a, stateRank: STATE_RANK[a.state] }, { ...b, stateRank: STATE_RANK[b.state] });
}

export function OverviewBoard({ initial }: { initial: OverviewResponse }) {
  const { timeZone } = useClock();
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
          ⚠ Live updates failed: {query.error.message}. Showing data from {formatTime(query.data.generatedAt, false, timeZone)}.
        </p>
      )}
      {targets.length === 0 ? (
        <EmptyState title="No monitored targets yet" body="An admin adds targets; demo mode seeds three simulated services." />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="target-list">
          {targets.map((target) => (
            <TargetCard key={target.id} target={target} generatedAt={query.data.generatedAt} />
          ))}
        </ul>
      )}
    </>
  );
}
