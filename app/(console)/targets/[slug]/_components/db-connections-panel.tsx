"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/console/fetch-json";
import type { DbConnections } from "@/lib/investigation/read-db-connections";
import { Age } from "@/app/(console)/_components/local-time";

type Response = ({ configured: true } & DbConnections) | { configured: false };

/** The runbook's pg_stat_activity check, shown only for targets with a diagnostics database. */
export function DbConnectionsPanel({ slug }: { slug: string }) {
  const query = useQuery({
    queryKey: ["targets", slug, "database"],
    queryFn: () => fetchJson<Response>(`/api/console/targets/${slug}/database`),
    refetchInterval: 30_000,
  });
  if (query.data && !query.data.configured) return null;
  const data = query.data;
  return (
    <section className="min-w-0 overflow-x-auto rounded-lg border border-edge bg-panel p-4" data-testid="db-connections">
      <h3 className="font-semibold">Database connections</h3>
      <p className="mb-2 font-mono text-xs text-muted">SELECT count(*), state FROM pg_stat_activity GROUP BY state;</p>
      {query.isPending && <p className="text-sm text-muted">Asking the database…</p>}
      {query.isError && <p className="text-sm text-crit">⚠ {query.error.message}</p>}
      {data?.configured && !data.ok && <p className="text-sm text-crit">⚠ The target&apos;s database did not answer: {data.error}</p>}
      {data?.configured && data.ok && (
        <>
          <table className="w-full text-sm">
            <tbody>
              {data.byState.map((row) => (
                <tr key={row.state} className="border-t border-edge">
                  <td className="py-1">{row.state}</td>
                  <td className="text-right tabular-nums">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={`mt-2 text-sm ${data.total > data.maxConnections * 0.8 ? "font-semibold text-warn" : "text-muted"}`}>
            {data.total} of max_connections {data.maxConnections} · as of <Age iso={data.checkedAt} />
          </p>
        </>
      )}
    </section>
  );
}
