import "server-only";
import { db } from "@/lib/db";
import type { Operation } from "@/lib/target-api/schemas";

export type SeenOperation = { targetId: number; operation: Operation; seenAt: Date };

/** The newest sighting per target and operation id: one statement may not upsert the same row twice. */
function newestPerOperation(seen: readonly SeenOperation[]): SeenOperation[] {
  const newest = new Map<string, SeenOperation>();
  for (const s of seen) {
    const key = `${s.targetId}/${s.operation.id}`;
    const before = newest.get(key);
    if (!before || s.seenAt.getTime() >= before.seenAt.getTime()) newest.set(key, s);
  }
  return [...newest.values()];
}

/**
 * Stores the operations scrapes saw, across targets in one statement, in `operation_metrics`
 * (the table the runbook's "memory-intensive operations" query reads), one row per target and
 * operation id: an operation seen again (still running, then finished) updates its row.
 * Unfinished ones are stamped with when they were seen.
 */
export async function writeOperationMetrics(options: { seen: readonly SeenOperation[] }): Promise<void> {
  const rows = newestPerOperation(options.seen);
  if (rows.length === 0) return;
  const column = <T>(pick: (s: SeenOperation) => T) => rows.map(pick);
  await db.$executeRaw`
    INSERT INTO operation_metrics (target_id, operation_id, operation_type, status, duration_s, memory_delta_mb, "timestamp")
    SELECT * FROM unnest(
      ${column((s) => s.targetId)}::int[], ${column((s) => s.operation.id)}::text[],
      ${column((s) => s.operation.operation_type)}::text[], ${column((s) => s.operation.status)}::text[],
      ${column((s) => s.operation.duration_s)}::float8[], ${column((s) => s.operation.memory_delta_mb)}::float8[],
      ${column((s) => s.operation.finished_at ?? s.seenAt.toISOString())}::timestamptz[])
    ON CONFLICT (target_id, operation_id) DO UPDATE SET
      status = EXCLUDED.status, duration_s = EXCLUDED.duration_s,
      memory_delta_mb = EXCLUDED.memory_delta_mb, "timestamp" = EXCLUDED."timestamp"`;
}
