// The worker process: loops that must not live inside a web request. Several replicas may
// run against one database; the collector's claims keep each target scraped once per interval.
import { env, isDemoMode } from "@/lib/env";
import { createCollector, newWorkerId } from "@/lib/collector/create-collector";
import { createAlertEvaluator } from "@/lib/alerts/create-alert-evaluator";
import { createNotificationDeliverer } from "@/lib/notifications/create-notification-deliverer";
import { renotifyUnacknowledged } from "@/lib/notifications/renotify-unacknowledged";
import { createMaintenance } from "@/lib/metrics/create-maintenance";
import { createEffectMeasurer } from "@/lib/remediation/effects/create-effect-measurer";
import { createPolicyRunner } from "@/lib/remediation/policy/create-policy-runner";
import { createRemediationRunner } from "@/lib/remediation/run/create-remediation-runner";
import { createAuditAnchorer } from "@/lib/audit/create-audit-anchorer";
import { createAuditSweeper } from "@/lib/audit/create-audit-sweeper";
import { db } from "@/lib/db";
import { systemRequestMeta } from "@/lib/audit/request-meta";
import { flushClosedFailureWindows } from "@/lib/limits/failed-attempt-windows";
import { watchTargetsFile } from "@/lib/provisioning/watch-targets-file";
import { serveWorkerMetrics } from "@/lib/self-metrics/serve-worker-metrics";
import { runLoops } from "@/worker/run-loops";

const log = (line: string) => console.log(line);
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => controller.abort());
}

const config = env();
// The provisioning file: applied now, when it changes, and on SIGHUP (docs/decisions/0017-provisioning-file.md).
const targetsFile = config.HEADROOM_TARGETS_FILE ? watchTargetsFile({ filePath: config.HEADROOM_TARGETS_FILE, log }) : null;
process.on("SIGHUP", () => {
  if (targetsFile) void targetsFile.apply();
  else log("SIGHUP: no HEADROOM_TARGETS_FILE to apply");
});
const metricsServer = config.HEADROOM_WORKER_METRICS_PORT
  ? await serveWorkerMetrics({ port: config.HEADROOM_WORKER_METRICS_PORT, token: config.HEADROOM_METRICS_TOKEN }).then(
      (served) => (log(`worker metrics on :${served.port}/metrics`), served),
      // Metrics are worth having, not worth stopping collection and alerting for.
      (error: Error) => (log(`worker metrics not served on :${config.HEADROOM_WORKER_METRICS_PORT}: ${error.message}`), null),
    )
  : null;

const workerId = newWorkerId();
const backfillHours = env().DEMO_BACKFILL_HOURS;
const collector = createCollector({ workerId, backfillDemoHistory: isDemoMode(env()) && backfillHours > 0, backfillHours, log });
const maintenance = createMaintenance({ log });
const alerts = createAlertEvaluator({ workerId, log });
const notifier = createNotificationDeliverer({ workerId, log });
const remediation = createEffectMeasurer({ log });
const policies = createPolicyRunner({ workerId, log });
const runs = createRemediationRunner({ workerId, log });
const anchorer = createAuditAnchorer({ log });
const sweeper = createAuditSweeper({ log });

await runLoops({
  signal: controller.signal,
  tickMs: env().WORKER_TICK_MS,
  loops: [
    { name: "collector", run: async () => void (await collector.tick()) },
    { name: "maintenance", run: ({ now }) => maintenance.tick(now) },
    { name: "alerts", run: async ({ now }) => void (await alerts.tick(now)) },
    { name: "notifications", run: async ({ now }) => void (await notifier.tick(now)) },
    { name: "renotify", run: async ({ now }) => void (await renotifyUnacknowledged({ now })) },
    { name: "remediation", run: async ({ now }) => void (await remediation.tick(now)) },
    { name: "auto-remediation", run: async ({ now }) => void (await policies.tick(now)) },
    { name: "remediation-runs", run: async () => void (await runs.tick()) },
    { name: "audit-anchor", run: ({ now }) => anchorer.tick(now) },
    { name: "audit-sweep", run: ({ now }) => sweeper.tick(now) },
    // Closed windows of failed sign-ins and bad ingest tokens become their summary audit rows.
    { name: "failed-attempts", run: async ({ now }) => void (await flushClosedFailureWindows({ now, meta: systemRequestMeta("worker: failed-attempt summaries") })) },
  ],
});
targetsFile?.close();
await metricsServer?.close();
await Promise.all([collector.drain(), notifier.drain(), runs.drain()]);
await db.$disconnect();
console.log("worker stopped");
