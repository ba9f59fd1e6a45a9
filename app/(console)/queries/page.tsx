import type { Metadata } from "next";
import { MEMORY_INTENSIVE_OPERATIONS_SQL, TRACK_MEMORY_GROWTH_SQL, runRunbookQueries } from "@/lib/metrics/run-runbook-queries";

export const metadata: Metadata = { title: "Runbook queries" };

function Sql({ sql }: { sql: string }) {
  return <pre className="overflow-x-auto rounded-md border border-edge bg-surface p-3 text-xs text-muted">{sql}</pre>;
}

const num = (v: number | null) => (v === null ? "—" : v.toLocaleString("en", { maximumFractionDigits: 1 }));

export default async function RunbookQueriesPage() {
  const { growth, operations } = await runRunbookQueries();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Runbook monitoring queries</h1>
      <p className="text-sm text-muted">The two SQL queries from the runbook, run verbatim against Headroom&apos;s database (all targets together, as the runbook wrote them).</p>
      <section className="space-y-3 rounded-lg border border-edge bg-panel p-4">
        <h2 className="text-lg font-semibold">Track memory growth patterns (hourly, last 24 h)</h2>
        <Sql sql={TRACK_MEMORY_GROWTH_SQL} />
        {growth.length === 0 ? <p className="text-muted">No samples in the last 24 hours.</p> : (
          <table className="w-full text-sm" data-testid="growth-table">
            <thead className="text-left text-muted"><tr><th>Hour</th><th className="text-right">Avg MB</th><th className="text-right">Max MB</th><th className="text-right">Samples</th></tr></thead>
            <tbody>
              {growth.map((row) => (
                <tr key={row.hour.toISOString()} className="border-t border-edge">
                  <td className="py-1"><time dateTime={row.hour.toISOString()}>{row.hour.toISOString().replace("T", " ").slice(0, 16)} UTC</time></td>
                  <td className="text-right tabular-nums">{num(row.avg_memory)}</td>
                  <td className="text-right tabular-nums">{num(row.max_memory)}</td>
                  <td className="text-right tabular-nums">{row.sample_count.toString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="space-y-3 rounded-lg border border-edge bg-panel p-4">
        <h2 className="text-lg font-semibold">Identify memory-intensive operations (last hour)</h2>
        <Sql sql={MEMORY_INTENSIVE_OPERATIONS_SQL} />
        {operations.length === 0 ? <p className="text-muted">No operations recorded in the last hour.</p> : (
          <table className="w-full text-sm" data-testid="operations-table">
            <thead className="text-left text-muted"><tr><th>Operation type</th><th className="text-right">Avg increase MB</th><th className="text-right">Max increase MB</th><th className="text-right">Count</th></tr></thead>
            <tbody>
              {operations.map((row) => (
                <tr key={row.operation_type} className="border-t border-edge">
                  <td className="py-1">{row.operation_type}</td>
                  <td className="text-right tabular-nums">{num(row.avg_memory_increase)}</td>
                  <td className="text-right tabular-nums">{num(row.max_memory_increase)}</td>
                  <td className="text-right tabular-nums">{row.operation_count.toString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
