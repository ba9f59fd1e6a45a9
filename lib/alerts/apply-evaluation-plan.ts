import "server-only";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { buildWebhookPayload } from "@/lib/notifications/build-webhook-payload";
import { rowFromState } from "./alert-state-row";
import type { EvaluationTarget } from "./load-evaluation-inputs";
import type { EvaluationPlan } from "./plan-evaluation";

export type ApplyEvaluationPlanOptions = {
  tx: Prisma.TransactionClient;
  target: EvaluationTarget;
  plan: EvaluationPlan;
  now: Date;
  workerId: string;
  openIncidentId: number | null;
  maxAttempts: number;
  consoleUrl?: string;
};

export type AppliedEvaluation = { incidentId: number | null; notificationId: bigint | null; transitionsRecorded: number };

/** Writes one evaluation's plan; runs in the transaction that holds the target's evaluation lock. */
export async function applyEvaluationPlan(options: ApplyEvaluationPlanOptions): Promise<AppliedEvaluation> {
  const { tx, target, plan, now, workerId } = options;
  for (const ruleName of plan.changedStates) {
    const data = { ...rowFromState(plan.states[ruleName]), updatedAt: now };
    await tx.alertRuleState.upsert({
      where: { targetId_ruleName: { targetId: target.id, ruleName } },
      create: { targetId: target.id, ruleName, ...data },
      update: data,
    });
  }
  let transitionsRecorded = 0;
  for (const t of plan.transitions) {
    transitionsRecorded += await tx.$executeRaw`
      INSERT INTO alert_transitions (target_id, rule_name, from_status, to_status, "at", value, no_data, worker_id)
      VALUES (${target.id}, ${t.rule}, ${t.from}, ${t.to}, ${new Date(t.at)}::timestamptz, ${t.value}, false, ${workerId})
      ON CONFLICT DO NOTHING`;
  }

  let incidentId = options.openIncidentId;
  const change = plan.incident;
  if (change?.action === "open") {
    const created = await tx.incident.create({
      data: { targetId: target.id, title: `HighMemoryUsage on ${target.name}`, severity: change.severity, status: "open", openedAt: now },
      select: { id: true },
    });
    incidentId = created.id;
  } else if (change?.action === "escalate" && incidentId !== null) {
    await tx.incident.update({ where: { id: incidentId }, data: { severity: change.severity } });
  } else if (change?.action === "resolve" && incidentId !== null) {
    await tx.incident.update({ where: { id: incidentId }, data: { status: "resolved", resolvedAt: now } });
  }
  if (incidentId !== null && plan.events.length > 0) {
    await tx.incidentEvent.createMany({
      data: plan.events.map((e) => ({ incidentId: incidentId!, at: new Date(e.at), kind: e.kind, summary: e.summary, data: e.data as Prisma.InputJsonValue })),
    });
  }

  let notificationId: bigint | null = null;
  if (plan.notification) {
    const payload = buildWebhookPayload({
      notification: plan.notification,
      target,
      value: plan.status.value,
      at: now.getTime(),
      incidentId,
      consoleUrl: options.consoleUrl,
    });
    const created = await tx.notificationDelivery.create({
      data: {
        targetId: target.id,
        incidentId,
        kind: plan.notification.kind,
        payload: payload as Prisma.InputJsonValue,
        maxAttempts: options.maxAttempts,
        nextAttemptAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    notificationId = created.id;
  }

  const s = plan.status;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  // An incident opening, escalating or resolving is a change people rely on: audited with it.
  const auditIncident = incidentId !== null && change ? { incidentId, change } : null;
  await tx.targetAlertStatus.update({
    where: { targetId: target.id },
    data: {
      evaluatedAt: now,
      evaluatedBy: workerId,
      state: s.state,
      stateSince: date(s.stateSince),
      noData: s.noData,
      value: s.value,
      resolvedSince: date(s.resolvedSince),
      notifiedSeverity: s.notifiedSeverity,
      notifiedNoData: s.notifiedNoData,
    },
  });
  if (auditIncident) {
    const { change: c } = auditIncident;
    await appendAuditEvent(
      tx,
      {
        type: c.action === "open" ? "incident.opened" : c.action === "escalate" ? "incident.escalated" : "incident.resolved",
        outcome: "ok",
        actor: { kind: "system", label: `headroom alert evaluator (${workerId})` },
        target: { id: target.id, slug: target.slug },
        incidentId: auditIncident.incidentId,
        data: { ...(c.action === "resolve" ? {} : { severity: c.severity }), value: s.value },
      },
      { now },
    );
  }
  return { incidentId: change?.action === "resolve" ? null : incidentId, notificationId, transitionsRecorded };
}
