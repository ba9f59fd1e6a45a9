import "server-only";
import { db } from "@/lib/db";

// The runbook's "Monitoring Queries", character for character: they run against Headroom's
// schema unchanged (tests/integration/db/runbook-queries.test.ts holds its own copy and
// checks that this one has not drifted). They live with the other metric reads, and stay
// verbatim rather than going through them, because the page shows the runbook's SQL as run.
export const TRACK_MEMORY_GROWTH_SQL = `SELECT
    date_trunc('hour', timestamp) as hour,
    avg(memory_used_mb) as avg_memory,
    max(memory_used_mb) as max_memory,
    count(*) as sample_count
FROM metrics
WHERE metric_name = 'system.memory.used'
  AND timestamp > NOW() - INTERVAL '24 hours'
GROUP BY hour
ORDER BY hour DESC;`;

export const MEMORY_INTENSIVE_OPERATIONS_SQL = `SELECT
    operation_type,
    avg(memory_delta_mb) as avg_memory_increase,
    max(memory_delta_mb) as max_memory_increase,
    count(*) as operation_count
FROM operation_metrics
WHERE timestamp > NOW() - INTERVAL '1 hour'
GROUP BY operation_type
ORDER BY avg_memory_increase DESC
LIMIT 10;`;

export type MemoryGrowthRow = { hour: Date; avg_memory: number; max_memory: number; sample_count: bigint };
export type OperationRow = { operation_type: string; avg_memory_increase: number; max_memory_increase: number; operation_count: bigint };

export async function runRunbookQueries() {
  const [growth, operations] = await Promise.all([
    db.$queryRawUnsafe<MemoryGrowthRow[]>(TRACK_MEMORY_GROWTH_SQL),
    db.$queryRawUnsafe<OperationRow[]>(MEMORY_INTENSIVE_OPERATIONS_SQL),
  ]);
  return { growth, operations };
}
