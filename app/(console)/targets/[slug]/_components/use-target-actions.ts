"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchJson } from "@/lib/console/fetch-json";
import type { TargetActions } from "@/lib/remediation/list-target-actions";

const BUSY = new Set(["requested", "approved", "running"]);

/**
 * The actions panel's data, polled every second while something waits for the worker or runs
 * (progress), else every 10 s. When a run ends, the chart refreshes for its marker and effect.
 */
export function useTargetActions(slug: string, initial: TargetActions) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["targets", slug, "actions"],
    queryFn: () => fetchJson<TargetActions>(`/api/console/targets/${slug}/actions`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.recent.some((a) => BUSY.has(a.state)) ? 1_000 : 10_000),
  });
  const busy = useRef<ReadonlySet<number>>(new Set());
  useEffect(() => {
    const now = new Set(query.data.recent.filter((a) => BUSY.has(a.state)).map((a) => a.id));
    const ended = [...busy.current].some((id) => !now.has(id));
    busy.current = now;
    if (ended) void client.invalidateQueries({ queryKey: ["targets", slug, "view"] });
  }, [query.data, client, slug]);
  return query;
}

/** After an action: the chart (markers, memory) and the panel both refetch. */
export function useInvalidateTarget(slug: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["targets", slug] });
}
