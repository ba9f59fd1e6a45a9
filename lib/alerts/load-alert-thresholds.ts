import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { thresholdsOf, type AlertThresholds } from "./alert-thresholds";
import { configuredDefaultRules, ruleFromRow } from "./load-target-rules";
import type { AlertRule } from "./alert-rule-schema";

/**
 * The effective thresholds of the given targets (every target when `targetIds` is omitted),
 * keyed by target id, in one query: a target without edited rules gets the configured defaults.
 */
export async function loadAlertThresholds(options: { targetIds?: number[]; db?: Db } = {}): Promise<Map<number, AlertThresholds>> {
  const db = options.db ?? defaultDb;
  const rows = await db.targetAlertRule.findMany({
    where: options.targetIds ? { targetId: { in: options.targetIds } } : {},
    select: { targetId: true, name: true, threshold: true, forSeconds: true, lookbackSeconds: true, keepFiringForSeconds: true, recoveryThreshold: true },
  });
  const byTarget = new Map<number, AlertRule[]>();
  for (const { targetId, ...row } of rows) {
    let rules = byTarget.get(targetId);
    if (!rules) byTarget.set(targetId, (rules = []));
    rules.push(ruleFromRow(row));
  }
  const defaults = thresholdsOf(configuredDefaultRules());
  const ids = options.targetIds ?? [...byTarget.keys()];
  const result = new Map<number, AlertThresholds>(ids.map((id) => [id, defaults]));
  for (const [id, rules] of byTarget) result.set(id, thresholdsOf(rules));
  return result;
}

/** For a target absent from the map (no edited rules, loaded without ids): the configured defaults. */
export function defaultThresholds(): AlertThresholds {
  return thresholdsOf(configuredDefaultRules());
}
