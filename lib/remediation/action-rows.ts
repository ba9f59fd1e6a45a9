import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition, type Risk } from "@/lib/remediation/action-catalogue";
import type { ActionState, ActionStep, ActionTransition, ActionView } from "@/lib/remediation/action-view";

export const actionInclude = { target: { select: { id: true, slug: true, name: true, baseUrl: true, kind: true } } } as const;
export type ActionRow = Prisma.RemediationActionGetPayload<{ include: typeof actionInclude }>;

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toActionView(row: ActionRow): ActionView {
  const result = asRecord(row.result);
  return {
    id: row.id,
    actionId: row.actionId as RunbookActionId,
    label: getActionDefinition(row.actionId as RunbookActionId)?.label ?? row.actionId,
    risk: row.risk as Risk,
    state: row.state as ActionState,
    target: { slug: row.target.slug, name: row.target.name },
    params: asRecord(row.params),
    requestedBy: { label: row.requestedByLabel, role: row.requestedByRole, id: row.requestedById },
    requestedAt: row.requestedAt.toISOString(),
    reason: row.reason,
    breakGlass: row.breakGlass,
    approvalExpiresAt: iso(row.approvalExpiresAt),
    decidedAt: iso(row.decidedAt),
    decidedBy: row.decidedByLabel,
    decisionComment: row.decisionComment,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    transitions: asArray<ActionTransition>(row.transitions),
    steps: asArray<ActionStep>(row.steps),
    summary: typeof result.summary === "string" ? result.summary : null,
    reportedFreedMb: typeof result.reportedFreedMb === "number" ? result.reportedFreedMb : null,
    error: row.error,
    errorKind: row.errorKind,
    incidentId: row.incidentId,
    effect: {
      // Nothing about an effect until the action has run: a request awaiting approval has none.
      status: row.finishedAt === null || row.startedAt === null ? (row.effectStatus === "not_applicable" ? "not_applicable" : "not_run") : (row.effectStatus as ActionView["effect"]["status"]),
      beforeMb: row.memoryBeforeMb,
      beforeAt: iso(row.memoryBeforeAt),
      after1mMb: row.memoryAfter1mMb,
      after5mMb: row.memoryAfter5mMb,
      growthBeforeMbPer5m: row.growthBeforeMbPer5m,
      growthAfterMbPer5m: row.growthAfterMbPer5m,
      attribution:
        row.effectGroupId === null
          ? null
          : {
              groupId: row.effectGroupId,
              measuredWith: row.effectMeasuredWith,
              confounded: row.effectConfounded,
              cutById: row.effectCutById,
              reportedFreedMb: typeof result.reportedFreedMb === "number" ? result.reportedFreedMb : null,
              changeMb: row.attributedChangeMb,
              changeUntil: iso(row.attributedUntil),
              nextId: row.attributedNextId,
            },
    },
    artifact:
      row.artifactName && row.artifactBytes !== null && row.artifactSha256
        ? { name: row.artifactName, bytes: Number(row.artifactBytes), sha256: row.artifactSha256 }
        : null,
  };
}

/** Locks the action's row for the rest of the transaction and reads it. */
export async function lockAction(tx: Prisma.TransactionClient, id: number): Promise<ActionRow | null> {
  await tx.$queryRaw`SELECT id FROM remediation_actions WHERE id = ${id} FOR UPDATE`;
  return tx.remediationAction.findUnique({ where: { id }, include: actionInclude });
}

/** Moves a locked row to its next state, stamping the state's time in `transitions`. */
export async function applyTransition(
  tx: Prisma.TransactionClient,
  row: ActionRow,
  options: { to: ActionState; at: Date; by?: string; data?: Prisma.RemediationActionUpdateInput },
): Promise<ActionRow> {
  const transition: ActionTransition = { state: options.to, at: options.at.toISOString(), ...(options.by ? { by: options.by } : {}) };
  return tx.remediationAction.update({
    where: { id: row.id },
    data: { ...options.data, state: options.to, transitions: [...asArray<ActionTransition>(row.transitions), transition] },
    include: actionInclude,
  });
}

/** Interactive transactions here wait for the audit chain lock behind other appenders. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
