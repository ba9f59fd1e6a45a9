"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/console/fetch-json";
import type { ActionView } from "@/lib/remediation/action-view";
import { ActionRecord } from "@/app/(console)/_components/remediation/action-record";

/** Until one of these ends, the worker is about to run the action or is running it. */
const IN_PROGRESS = new Set(["requested", "approved", "running"]);

/**
 * An action as the server records it now: polled every second while the worker has it (its
 * steps appear as they are saved), then left alone. Keyed under its target, so a mutation that
 * refreshes the target refreshes this record too.
 */
export function useLiveAction(action: ActionView): ActionView {
  const query = useQuery({
    queryKey: ["targets", action.target.slug, "actions", action.id],
    queryFn: () => fetchJson<ActionView>(`/api/console/remediations/${action.id}`),
    initialData: action,
    refetchInterval: (q) => (IN_PROGRESS.has(q.state.data?.state ?? action.state) ? 1_000 : false),
  });
  return query.data;
}

export function LiveActionRecord(props: Parameters<typeof ActionRecord>[0]) {
  return <ActionRecord {...props} action={useLiveAction(props.action)} />;
}
