import "server-only";
import { db as defaultDb, type Db } from "@/lib/db";
import { defaultThresholds, loadAlertThresholds } from "@/lib/alerts/load-alert-thresholds";
import type { MemoryPattern } from "@/lib/diagnosis/classify-pattern";
import { componentKeys, type ComponentKey } from "@/lib/diagnosis/pick-growing-component";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { readWindowPeaks } from "@/lib/metrics/read-window-peaks";
import { getActionDefinition } from "@/lib/remediation/action-catalogue";
import type { ActionState } from "@/lib/remediation/action-view";
import { FOLLOW_UP_MS, summarizeInsights, type DiagnosisInsight, type HistoryAction } from "./summarize-insights";

export type Insights = { generatedAt: string; targetSlug: string | null; diagnoses: DiagnosisInsight[] };

// The newest actions that are read; older ones drop out of the figures (said on the page).
export const HISTORY_LIMIT = 5_000;
const PATTERNS: readonly MemoryPattern[] = ["gradual", "spike", "flat", "insufficient_data"];

/**
 * What worked, from every recorded run (or one service's, with `targetSlug`): the actions that
 * finished, their recorded diagnosis and measured effect, the highest sample in the 30 minutes
 * after each, and the target's SEV-2 line (docs/decisions/0023).
 */
export async function getInsights(options: { targetSlug?: string; now?: Date; db?: Db } = {}): Promise<Insights> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const rows = await db.remediationAction.findMany({
    where: { finishedAt: { not: null }, ...(options.targetSlug ? { target: { slug: options.targetSlug } } : {}) },
    select: {
      id: true, targetId: true, actionId: true, state: true, startedAt: true, finishedAt: true, incidentId: true,
      memoryBeforeMb: true, memoryAfter1mMb: true, effectConfounded: true, effectGroupId: true,
      diagnosisPattern: true, diagnosisComponent: true,
      target: { select: { memoryLimitMb: true } },
    },
    orderBy: { finishedAt: "desc" },
    take: HISTORY_LIMIT,
  });
  const targetIds = [...new Set(rows.map((r) => r.targetId))];
  const [thresholds, peaks] = await Promise.all([
    loadAlertThresholds({ targetIds, db }),
    readWindowPeaks({
      db,
      windows: rows.map((r) => ({ key: r.id, targetId: r.targetId, from: r.finishedAt!, to: new Date(r.finishedAt!.getTime() + FOLLOW_UP_MS) })),
    }),
  ]);
  const actions: HistoryAction[] = rows.map((r) => {
    const definition = getActionDefinition(r.actionId as RunbookActionId);
    const ratio = (thresholds.get(r.targetId) ?? defaultThresholds())["SEV-2"].ratio;
    return {
      id: r.id,
      targetId: r.targetId,
      actionId: r.actionId,
      label: definition?.label ?? r.actionId,
      pattern: PATTERNS.includes(r.diagnosisPattern as MemoryPattern) ? (r.diagnosisPattern as MemoryPattern) : null,
      component: (componentKeys as readonly string[]).includes(r.diagnosisComponent ?? "") ? (r.diagnosisComponent as ComponentKey) : null,
      state: r.state as ActionState,
      restart: definition?.endpoint.kind === "restart",
      startedAt: r.startedAt?.getTime() ?? null,
      finishedAt: r.finishedAt!.getTime(),
      incidentId: r.incidentId,
      beforeMb: r.memoryBeforeMb,
      after1mMb: r.memoryAfter1mMb,
      confounded: r.effectConfounded,
      groupId: r.effectGroupId,
      peakAfterMb: peaks.get(r.id)?.peakMb ?? null,
      thresholdMb: ratio * r.target.memoryLimitMb,
    };
  });
  return { generatedAt: now.toISOString(), targetSlug: options.targetSlug ?? null, diagnoses: summarizeInsights({ actions, now: now.getTime() }) };
}
