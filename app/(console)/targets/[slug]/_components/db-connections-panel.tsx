"use client";

import type { DbConnections } from "@/lib/investigation/read-db-connections";
import { Age } from "@/app/(console)/_components/local-time";
import { DiagnosticsPanel } from "./diagnostics-panel";

/** The runbook's pg_stat_activity check, shown only for targets with a diagnostics database. */
export function DbConnectionsPanel({ slug }: { slug: string }) {
  return (
    <DiagnosticsPanel<DbConnections>
      slug={slug}
      resource="database"
      testId="db-connections"
      title="Database connections"
      command="SELECT count(*), state FROM pg_stat_activity GROUP BY state;"
      asking="Asking the database…"
      noAnswer="The target's database did not answer"
    >
      {(data) => (
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
    </DiagnosticsPanel>
  );
}
