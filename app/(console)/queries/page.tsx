import type { Metadata } from "next";
import type { ReactNode } from "react";
import { MEMORY_INTENSIVE_OPERATIONS_SQL, TRACK_MEMORY_GROWTH_SQL, runRunbookQueries } from "@/lib/metrics/run-runbook-queries";

export const metadata: Metadata = { title: "Runbook queries" };

const num = (v: number | null) => (v === null ? "—" : v.toLocaleString("en", { maximumFractionDigits: 1 }));

/** One runbook query: its SQL as run, then its rows, a label column and three figures. */
function QueryResult(props: {
  title: string;
  sql: string;
  empty: string;
  testId: string;
  columns: [string, string, string, string];
  rows: { key: string; cells: [ReactNode, string, string, string] }[];
}) {
  const [label, ...figures] = props.columns;
  return (
    <section className="space-y-3 rounded-lg border border-edge bg-panel p-4">
      <h2 className="text-lg font-semibold">{props.title}</h2>
      <pre className="overflow-x-auto rounded-md border border-edge bg-surface p-3 text-xs text-muted">{props.sql}</pre>
      {props.rows.length === 0 ? <p className="text-muted">{props.empty}</p> : (
        <table className="w-full text-sm" data-testid={props.testId}>
          <thead className="text-left text-muted"><tr><th>{label}</th>{figures.map((f) => <th key={f} className="text-right">{f}</th>)}</tr></thead>
          <tbody>
            {props.rows.map(({ key, cells: [first, ...rest] }) => (
              <tr key={key} className="border-t border-edge">
                <td className="py-1">{first}</td>
                {rest.map((cell, i) => <td key={i} className="text-right tabular-nums">{cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default async function RunbookQueriesPage() {
  const { growth, operations } = await runRunbookQueries();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Runbook monitoring queries</h1>
      <p className="text-sm text-muted">The two SQL queries from the runbook, run verbatim against Headroom&apos;s database (all targets together, as the runbook wrote them).</p>
      <QueryResult
        title="Track memory growth patterns (hourly, last 24 h)"
        sql={TRACK_MEMORY_GROWTH_SQL}
        empty="No samples in the last 24 hours."
        testId="growth-table"
        columns={["Hour", "Avg MB", "Max MB", "Samples"]}
        rows={growth.map((row) => ({
          key: row.hour.toISOString(),
          cells: [
            <time key="hour" dateTime={row.hour.toISOString()}>{row.hour.toISOString().replace("T", " ").slice(0, 16)} UTC</time>,
            num(row.avg_memory),
            num(row.max_memory),
            row.sample_count.toString(),
          ],
        }))}
      />
      <QueryResult
        title="Identify memory-intensive operations (last hour)"
        sql={MEMORY_INTENSIVE_OPERATIONS_SQL}
        empty="No operations recorded in the last hour."
        testId="operations-table"
        columns={["Operation type", "Avg increase MB", "Max increase MB", "Count"]}
        rows={operations.map((row) => ({
          key: row.operation_type,
          cells: [row.operation_type, num(row.avg_memory_increase), num(row.max_memory_increase), row.operation_count.toString()],
        }))}
      />
    </div>
  );
}
