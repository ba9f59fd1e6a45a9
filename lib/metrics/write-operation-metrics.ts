import "server-only";
import { db } from "@/lib/db";
import type { Operation } from "@/lib/target-api/schemas";

/**
 * Stores the operations a scrape saw in `operation_metrics` (the table the runbook's "memory-
 * intensive operations" query reads), one row per target and operation id: an operation seen
 * again (still running, then finished) updates its row. Unfinished ones are stamped `seenAt`.
 */
export async function writeOperationMetrics(options: { targetId: number; operations: readonly Operation[]; seenAt: Date }): Promise<void> {
  const { operations } = options;
  if (operations.length === 0) return;
  await db.$executeRaw`
    INSERT INTO operation_metrics (target_id, operation_id, operation_type, status, duration_s, memory_delta_mb, "timestamp")
    SELECT ${options.targetId}, * FROM unnest(
      ${operations.map((o) => o.id)}::text[], ${operations.map((o) => o.operation_type)}::text[],
      ${operations.map((o) => o.status)}::text[], ${operations.map((o) => o.duration_s)}::float8[],
      ${operations.map((o) => o.memory_delta_mb)}::float8[],
      ${operations.map((o) => o.finished_at ?? options.seenAt.toISOString())}::timestamptz[])
    ON CONFLICT (target_id, operation_id) DO UPDATE SET
      status = EXCLUDED.status, duration_s = EXCLUDED.duration_s,
      memory_delta_mb = EXCLUDED.memory_delta_mb, "timestamp" = EXCLUDED."timestamp"`;
}
