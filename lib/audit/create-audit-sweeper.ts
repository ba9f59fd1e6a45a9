import "server-only";
import { env } from "@/lib/env";
import { sweepAuditChain } from "./sweep-audit-chain";

// Rows per worker tick: a full walk verified 5,300 rows a second on this 2-core machine at load
// 15, so a slice is well under a second of CPU; a million rows take about 500 ticks.
const ROWS_PER_TICK = 2_000;

/**
 * The worker's scheduled full verification of the audit chain (AUDIT_FULL_VERIFY_INTERVAL_HOURS):
 * the audit page checks only new rows, this walk re-checks every row, a slice per tick.
 */
export function createAuditSweeper(options: { log?: (line: string) => void; intervalMs?: number; rowsPerTick?: number } = {}) {
  const log = options.log ?? (() => undefined);
  const intervalMs = options.intervalMs ?? env().AUDIT_FULL_VERIFY_INTERVAL_HOURS * 3_600_000;
  let reported = false;
  return {
    async tick(now: Date): Promise<void> {
      const step = await sweepAuditChain({ now, intervalMs, maxRows: options.rowsPerTick ?? ROWS_PER_TICK });
      if (step.kind === "broken") {
        if (!reported) log("audit chain: a full verification found a bad row (shown on the audit page). Run npm run audit:verify.");
        reported = true;
        return;
      }
      reported = false;
      if (step.kind === "done") log(`audit chain: full verification passed, ${step.checked} rows (started ${step.startedAt.toISOString()})`);
    },
  };
}
