import { db } from "@/lib/db";
import { METRIC } from "@/lib/metrics/sample";
import { writeSamples } from "@/lib/metrics/write-samples";
import { createAlertEvaluator, type AlertEvaluatorOptions } from "@/lib/alerts/create-alert-evaluator";
import { getDefaultRules } from "@/lib/alerts/default-rules";
import { channelEvents } from "@/lib/notifications/channel-events";

export const LIMIT_MB = 1000;
export const STEP_S = 15;
/** A fixed start so every run sees the same clock; evaluations take `now` from the test. */
export const T0 = Date.parse("2026-11-20T10:00:00.000Z");
export const at = (seconds: number) => new Date(T0 + seconds * 1000);

let counter = 0;
export async function createTarget(options: { slug?: string; webhookUrl?: string } = {}) {
  counter += 1;
  const slug = options.slug ?? `alert-target-${counter}`;
  const target = await db.target.create({
    data: { slug, name: `Target ${slug}`, baseUrl: "http://127.0.0.1:9", memoryLimitMb: LIMIT_MB, lastScrapeOk: true },
    select: { id: true, slug: true },
  });
  if (options.webhookUrl) {
    await db.notificationChannel.create({
      data: { targetId: target.id, name: "Webhook", url: options.webhookUrl, events: [...channelEvents], createdAt: new Date(T0), updatedAt: new Date(T0), updatedByEmail: "admin@test" },
    });
  }
  return target;
}

/** Usage ratio `ratio` every 15 s over [fromS, toS] seconds after T0 (inclusive). */
export async function holdRatio(targetId: number, fromS: number, toS: number, ratio: number) {
  const samples = [];
  for (let s = fromS; s <= toS; s += STEP_S) {
    samples.push({ targetId, metricName: METRIC.systemUsed, labels: "", timestamp: at(s), valueMb: ratio * LIMIT_MB });
  }
  await writeSamples({ samples });
}

/** A worker's evaluator with the real default rules (for 5 min), 15-s interval and a 5-min grace. */
export function evaluator(workerId: string, overrides: Partial<AlertEvaluatorOptions> = {}) {
  return createAlertEvaluator({
    workerId,
    intervalSeconds: STEP_S,
    graceSeconds: 300,
    maxAttempts: 5,
    defaultRules: getDefaultRules(),
    consoleUrl: "http://console.test",
    ...overrides,
  });
}

/** Ticks every 15 s over [fromS, toS] seconds after T0, as the worker loop would. */
export async function runEvaluations(evaluators: ReturnType<typeof evaluator>[], fromS: number, toS: number) {
  for (let s = fromS; s <= toS; s += STEP_S) {
    await Promise.all(evaluators.map((e) => e.tick(at(s))));
  }
}

export async function transitionsOf(targetId: number) {
  const rows = await db.alertTransitionRecord.findMany({ where: { targetId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({ rule: r.ruleName, to: r.toStatus, s: (r.at.getTime() - T0) / 1000, worker: r.workerId }));
}

export async function eventsOf(incidentId: number) {
  const rows = await db.incidentEvent.findMany({ where: { incidentId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({ s: (r.at.getTime() - T0) / 1000, kind: r.kind, summary: r.summary }));
}
