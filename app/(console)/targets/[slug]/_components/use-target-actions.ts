"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/console/fetch-json";
import type { TargetActions } from "@/lib/remediation/list-target-actions";

const BUSY = new Set(["requested", "approved", "running"]);

/** The actions panel's data, polled every second while something runs (progress), else every 10 s. */
export function useTargetActions(slug: string, initial: TargetActions) {
  return useQuery({
    queryKey: ["targets", slug, "actions"],
    queryFn: () => fetchJson<TargetActions>(`/api/console/targets/${slug}/actions`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.recent.some((a) => BUSY.has(a.state)) ? 1_000 : 10_000),
  });
}

/** After an action: the chart (markers, memory) and the panel both refetch. */
export function useInvalidateTarget(slug: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["targets", slug] });
}
