import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { readLatestValue } from "@/lib/metrics/read-latest-value";
import type { CurrentAlertView } from "./preview-rule-firing";

/** The lookback of the default rules: an evaluation sees the newest sample no older than this. */
const LOOKBACK_MS = 5 * 60_000;

/** The memory ratio an evaluation would see now, and the target's rule states, for the rules preview. */
export async function readCurrentAlertView(options: { targetId: number; memoryLimitMb: number; now: Date; db?: Db }): Promise<CurrentAlertView> {
  const db = options.db ?? defaultDb;
  const [latest, states] = await Promise.all([
    readLatestValue({ targetId: options.targetId, at: options.now, notBefore: new Date(options.now.getTime() - LOOKBACK_MS), db }),
    db.alertRuleState.findMany({ where: { targetId: options.targetId }, select: { ruleName: true, status: true, activeAt: true } }),
  ]);
  return {
    ratio: latest ? latest.valueMb / options.memoryLimitMb : null,
    sampledAt: latest?.t ?? null,
    states: Object.fromEntries(
      states.map((s) => [s.ruleName, { status: s.status as CurrentAlertView["states"][string]["status"], activeAt: s.activeAt?.getTime() ?? null }]),
    ),
  };
}
