"use client";

import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/console/fetch-json";

type Check = { ok: true } | { ok: false; error: string };
const succeeded = <T extends Check>(check: T): check is Extract<T, { ok: true }> => check.ok;
type Answer<T extends Check> = ({ configured: true } & T) | { configured: false };

/**
 * One of the runbook's checks against a target's own services (its database, its Redis): polled,
 * shown only when the target has that service configured, with the check's failure in words.
 */
export function DiagnosticsPanel<T extends Check>(props: {
  slug: string;
  resource: "database" | "redis";
  testId: string;
  title: string;
  command: string;
  asking: string;
  noAnswer: string;
  children: (data: Extract<T, { ok: true }>) => ReactNode;
}) {
  const { slug, resource } = props;
  const query = useQuery({
    queryKey: ["targets", slug, resource],
    queryFn: () => fetchJson<Answer<T>>(`/api/console/targets/${slug}/${resource}`),
    refetchInterval: 30_000,
  });
  const data = query.data;
  if (data && !data.configured) return null;
  return (
    <section className="min-w-0 overflow-x-auto rounded-lg border border-edge bg-panel p-4" data-testid={props.testId}>
      <h3 className="font-semibold">{props.title}</h3>
      <p className="mb-2 font-mono text-xs text-muted">{props.command}</p>
      {query.isPending && <p className="text-sm text-muted">{props.asking}</p>}
      {query.isError && <p className="text-sm text-crit">⚠ {query.error.message}</p>}
      {data?.configured && !data.ok && <p className="text-sm text-crit">⚠ {props.noAnswer}: {data.error}</p>}
      {data?.configured && succeeded(data) && props.children(data)}
    </section>
  );
}
