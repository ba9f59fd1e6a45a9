import "server-only";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import type { AlertRule } from "./alert-rule-schema";
import { claimDueEvaluations } from "./claim-due-evaluations";
import { evaluateTargetAlerts, type EvaluateTargetAlertsResult } from "./evaluate-target-alerts";
import { configuredDefaultRules } from "./load-target-rules";
import { headroomMetrics } from "@/lib/self-metrics/headroom-metrics";

export type AlertEvaluatorOptions = {
  workerId: string;
  intervalSeconds?: number;
  graceSeconds?: number;
  maxAttempts?: number;
  defaultRules?: readonly AlertRule[];
  consoleUrl?: string;
  /** Targets evaluated at once; each evaluation is one short transaction. */
  concurrency?: number;
  batchSize?: number;
  log?: (line: string) => void;
};

export type AlertEvaluator = {
  workerId: string;
  /** Claims the targets due at `now` and evaluates them; resolves when all are done. */
  tick(now: Date): Promise<{ claimed: number; evaluated: number; failed: number }>;
};

/**
 * The alert evaluation loop of one worker. It keeps no state of its own: everything is read
 * from and written to the database each evaluation, so a restarted (or another) worker goes on
 * exactly where this one stopped, pending timers included.
 */
export function createAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const config = env();
  const intervalSeconds = options.intervalSeconds ?? config.ALERT_EVALUATION_INTERVAL_SECONDS;
  const graceMs = (options.graceSeconds ?? config.INCIDENT_RESOLVE_GRACE_SECONDS) * 1000;
  const maxAttempts = options.maxAttempts ?? config.NOTIFICATION_MAX_ATTEMPTS;
  const defaultRules = options.defaultRules ?? configuredDefaultRules();
  const consoleUrl = options.consoleUrl ?? config.NEXTAUTH_URL;
  const concurrency = options.concurrency ?? 4;
  const log = options.log ?? (() => {});

  async function evaluateOne(targetId: number, now: Date): Promise<EvaluateTargetAlertsResult | null> {
    try {
      const result = await evaluateTargetAlerts({
        targetId,
        now,
        workerId: options.workerId,
        graceMs,
        maxAttempts,
        defaultRules,
        consoleUrl,
      });
      if (result.evaluated) {
        for (const t of result.transitions) log(`alert ${t.rule} on ${result.target.name} (${result.target.slug}): ${t.from} → ${t.to}`);
      }
      return result;
    } catch (error) {
      // An outage is the worker loop's to report, once, not one line per target.
      if (isDatabaseUnavailable(error)) throw error;
      log(`alert evaluation of target ${targetId} failed: ${describeError(error)}`);
      return null;
    }
  }

  return {
    workerId: options.workerId,
    async tick(now) {
      const claimed = await claimDueEvaluations({ now, intervalSeconds, limit: options.batchSize ?? 500 });
      let evaluated = 0;
      let failed = 0;
      const queue = [...claimed];
      const lanes = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const result = await evaluateOne(id, now);
          if (result === null) failed += 1;
          else if (result.evaluated) evaluated += 1;
          const metrics = headroomMetrics();
          metrics.alertEvaluations.inc({ outcome: result === null ? "failed" : result.evaluated ? "evaluated" : "skipped" });
          metrics.alertEvaluationLag.observe((Date.now() - now.getTime()) / 1000);
        }
      });
      await Promise.all(lanes);
      return { claimed: claimed.length, evaluated, failed };
    },
  };
}
