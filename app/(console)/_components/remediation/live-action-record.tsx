"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchJson } from "@/lib/console/fetch-json";
import type { ActionView } from "@/lib/remediation/action-view";
import { ActionRecord } from "@/app/(console)/_components/remediation/action-record";

/** Until one of these ends, the worker is about to run the action or is running it. */
const IN_PROGRESS = new Set(["requested", "approved", "running"]);

/**
 * An action as the server records it now: polled every second while the worker has it (its
 * steps appear as they are saved), then left alone. Keyed under its target: when the run ends,
 * the target's other views (the chart's markers, the actions panel) refresh with it.
 */
export function useLiveAction(action: ActionView): ActionView {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ["targets", action.target.slug, "actions", action.id],
    queryFn: () => fetchJson<ActionView>(`/api/console/remediations/${action.id}`),
    initialData: action,
    refetchInterval: (q) => (IN_PROGRESS.has(q.state.data?.state ?? action.state) ? 1_000 : false),
  });
  const state = query.data.state;
  const seen = useRef(state);
  useEffect(() => {
    const ended = IN_PROGRESS.has(seen.current) && !IN_PROGRESS.has(state);
    seen.current = state;
    if (ended) void client.invalidateQueries({ queryKey: ["targets", action.target.slug] });
  }, [state, client, action.target.slug]);
  return query.data;
}

export function LiveActionRecord(props: Parameters<typeof ActionRecord>[0]) {
  return <ActionRecord {...props} action={useLiveAction(props.action)} />;
}
