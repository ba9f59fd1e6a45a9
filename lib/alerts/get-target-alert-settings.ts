import "server-only";
import { db } from "@/lib/db";
import { maskWebhookUrl } from "@/lib/notifications/set-target-webhook";
import type { AlertRule } from "./alert-rule-schema";
import { stateFromRow } from "./alert-state-row";
import type { AlertState } from "./alert-state";
import { loadTargetRules } from "./load-target-rules";
import { getAlertOverview, type TargetAlertSummary } from "./get-alert-overview";
import type { CurrentAlertView } from "./preview-rule-firing";
import { readCurrentAlertView } from "./read-current-alert-view";

export type TargetAlertSettings = {
  target: { id: number; slug: string; name: string; memoryLimitMb: number };
  rules: AlertRule[];
  version: number;
  isDefault: boolean;
  states: Record<string, AlertState>;
  summary: TargetAlertSummary | null;
  /** What an evaluation would see now, for the rules form's "would fire now" preview. */
  current: CurrentAlertView;
  versions: { version: number; oldRules: unknown; newRules: unknown; comment: string; changedByEmail: string; changedAt: string }[];
  silences: { id: number; startsAt: string; endsAt: string; comment: string; createdByEmail: string; endedAt: string | null; endedByEmail: string | null; active: boolean }[];
  /** `url` is the secret one: render it for admins only. */
  webhook: { url: string; maskedUrl: string; updatedAt: string; updatedByEmail: string } | null;
  deliveries: {
    id: string;
    kind: string;
    status: string;
    attempts: number;
    maxAttempts: number;
    createdAt: string;
    lastAttemptAt: string | null;
    nextAttemptAt: string;
    lastStatusCode: number | null;
    lastError: string | null;
    incidentId: number | null;
  }[];
};

/** Everything the target's alert settings page shows, or null for an unknown slug. */
export async function getTargetAlertSettings(options: { slug: string; now?: Date }): Promise<TargetAlertSettings | null> {
  const now = options.now ?? new Date();
  const target = await db.target.findUnique({ where: { slug: options.slug }, select: { id: true, slug: true, name: true, memoryLimitMb: true } });
  if (!target) return null;
  const [rules, stateRows, overview, versions, silences, webhook, deliveries, current] = await Promise.all([
    loadTargetRules({ targetId: target.id }),
    db.alertRuleState.findMany({ where: { targetId: target.id } }),
    getAlertOverview({ targetIds: [target.id], now }),
    db.alertRuleVersion.findMany({ where: { targetId: target.id }, orderBy: { version: "desc" }, take: 20 }),
    db.silence.findMany({ where: { targetId: target.id }, orderBy: { createdAt: "desc" }, take: 10 }),
    db.targetWebhook.findUnique({ where: { targetId: target.id } }),
    db.notificationDelivery.findMany({ where: { targetId: target.id }, orderBy: { id: "desc" }, take: 20 }),
    readCurrentAlertView({ targetId: target.id, memoryLimitMb: target.memoryLimitMb, now }),
  ]);
  return {
    target,
    ...rules,
    states: Object.fromEntries(stateRows.map((row) => [row.ruleName, stateFromRow(row)])),
    summary: overview.get(target.id) ?? null,
    current,
    versions: versions.map((v) => ({
      version: v.version,
      oldRules: v.oldRules,
      newRules: v.newRules,
      comment: v.comment,
      changedByEmail: v.changedByEmail,
      changedAt: v.changedAt.toISOString(),
    })),
    silences: silences.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      comment: s.comment,
      createdByEmail: s.createdByEmail,
      endedAt: s.endedAt?.toISOString() ?? null,
      endedByEmail: s.endedByEmail,
      active: s.endedAt === null && s.startsAt <= now && s.endsAt > now,
    })),
    webhook: webhook
      ? { url: webhook.url, maskedUrl: maskWebhookUrl(webhook.url), updatedAt: webhook.updatedAt.toISOString(), updatedByEmail: webhook.updatedByEmail }
      : null,
    deliveries: deliveries.map((d) => ({
      id: d.id.toString(),
      kind: d.kind,
      status: d.status,
      attempts: d.attempts,
      maxAttempts: d.maxAttempts,
      createdAt: d.createdAt.toISOString(),
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      incidentId: d.incidentId,
    })),
  };
}
