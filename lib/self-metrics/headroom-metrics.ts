import "server-only";
import { PerformanceObserver, constants } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Headroom's own figures, per process: the web and the worker each count what they do and
 * expose it at their own /metrics (the web's route, the worker's HEADROOM_WORKER_METRICS_PORT).
 */
export type HeadroomMetrics = {
  registry: Registry;
  scrapeDuration: Histogram<"target" | "outcome">;
  scrapes: Counter<"target" | "outcome">;
  samplesWritten: Counter<"source">;
  alertEvaluations: Counter<"outcome">;
  alertEvaluationLag: Histogram;
  remediationRuns: Counter<"action" | "outcome">;
  notificationDeliveries: Counter<"outcome">;
  heapAfterGc: Gauge;
  heapObjectsAfterGc: Gauge;
};

// Where V8 keeps machine code: it grows for a long while as more functions are optimised, and is
// not data the process keeps. (v8.getHeapCodeStatistics() counts bytecode and metadata too, but
// walks the heap: 40 ms at 165 MB, too slow to run after every full collection.)
const CODE_SPACES = new Set(["code_space", "code_large_object_space"]);

/**
 * The heap left after the last full (mark-compact) collection: what is really kept, where
 * `nodejs_heap_size_used_bytes` also counts garbage not yet collected; and the same without
 * machine code, closer to what a leak of objects grows. The soak bench reads both each minute.
 */
function observeHeapAfterGc(total: Gauge, objects: Gauge): void {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      const spaces = getHeapSpaceStatistics();
      const used = spaces.reduce((sum, space) => sum + space.space_used_size, 0);
      const code = spaces.filter((space) => CODE_SPACES.has(space.space_name)).reduce((sum, space) => sum + space.space_used_size, 0);
      total.set(used);
      objects.set(used - code);
    }
  });
  observer.observe({ entryTypes: ["gc"] });
}

function createMetrics(): HeadroomMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const heapAfterGc = new Gauge({ name: "headroom_heap_used_after_gc_bytes", help: "V8 heap used right after the last full (mark-compact) garbage collection; 0 until the first one.", registers });
  const heapObjectsAfterGc = new Gauge({
    name: "headroom_heap_objects_after_gc_bytes",
    help: "The same without V8's code spaces (machine code; bytecode and code metadata in the old space still count): mostly the objects the process keeps; 0 until the first full collection.",
    registers,
  });
  observeHeapAfterGc(heapAfterGc, heapObjectsAfterGc);
  return {
    registry,
    scrapeDuration: new Histogram({
      name: "headroom_scrape_duration_seconds",
      help: "How long one scrape of a target took, by target and outcome (ok, partial, down).",
      labelNames: ["target", "outcome"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    scrapes: new Counter({ name: "headroom_scrapes_total", help: "Scrapes by target and outcome (ok, partial, down).", labelNames: ["target", "outcome"], registers }),
    samplesWritten: new Counter({
      name: "headroom_samples_written_total",
      help: "Memory samples newly stored, by source (scrape, ingest, remote_write); retried duplicates are not counted.",
      labelNames: ["source"],
      registers,
    }),
    alertEvaluations: new Counter({ name: "headroom_alert_evaluations_total", help: "Alert evaluations of a target, by outcome (evaluated, skipped, failed).", labelNames: ["outcome"], registers }),
    alertEvaluationLag: new Histogram({
      name: "headroom_alert_evaluation_lag_seconds",
      help: "Time from the tick that claimed a target's due evaluation to the evaluation's end.",
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 15, 30],
      registers,
    }),
    remediationRuns: new Counter({ name: "headroom_remediation_runs_total", help: "Remediation actions finished, by action and outcome.", labelNames: ["action", "outcome"], registers }),
    notificationDeliveries: new Counter({ name: "headroom_notification_deliveries_total", help: "Webhook delivery attempts, by outcome (delivered, retrying, failed).", labelNames: ["outcome"], registers }),
    heapAfterGc,
    heapObjectsAfterGc,
  };
}

const KEY = Symbol.for("headroom.self-metrics");

/** The process's one set of metrics (kept on globalThis: default metrics may be collected once per registry). */
export function headroomMetrics(): HeadroomMetrics {
  const holder = globalThis as { [KEY]?: HeadroomMetrics };
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}
