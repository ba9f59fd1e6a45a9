import "server-only";
import { env } from "@/lib/env";
import { anchorAuditChain } from "./anchor-audit-chain";

/**
 * The worker's audit-anchor loop: every AUDIT_ANCHOR_INTERVAL_SECONDS the chain's head goes to
 * HEADROOM_AUDIT_ANCHOR_FILE. A chain that fails its check is said once, not every interval.
 */
export function createAuditAnchorer(options: { log?: (line: string) => void; file?: string; intervalMs?: number } = {}) {
  const log = options.log ?? (() => undefined);
  const intervalMs = options.intervalMs ?? env().AUDIT_ANCHOR_INTERVAL_SECONDS * 1000;
  let last = 0;
  let lastRefusal: string | null = null;
  return {
    async tick(now: Date): Promise<void> {
      if (now.getTime() - last < intervalMs) return;
      // Counted from a run that reached the database: one that failed (an outage) is retried
      // next tick, so the loop's "database back" is said only once it is.
      const outcome = await anchorAuditChain({ file: options.file, now });
      last = now.getTime();
      if (outcome.kind === "refused") {
        if (outcome.reason !== lastRefusal) log(`audit anchor NOT updated: ${outcome.reason}. Run npm run audit:verify.`);
        lastRefusal = outcome.reason;
      } else lastRefusal = null;
    },
  };
}
