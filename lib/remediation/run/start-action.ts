import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunbookActionId } from "@/lib/diagnosis/runbook-actions";
import { getActionDefinition, type ActionDefinition } from "@/lib/remediation/action-catalogue";
import { applyTransition, lockAction, TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import { configuredCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { resolveDrivers, type Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import { measureBefore } from "@/lib/remediation/effects/measure-before";
import type { ResolvedContext } from "@/lib/remediation/remediation-context";
import { describeIntervening, describeRunning, findInterveningExclusive, findRunningExclusive } from "@/lib/remediation/run/find-running-exclusive";
import { closeLostActions } from "@/lib/remediation/run/close-lost-actions";
import { recordActionEvent } from "@/lib/remediation/run/record-action-event";
import { runMetaOf, runnerOf } from "@/lib/remediation/run/run-identity";
import { demoDriversFor } from "@/lib/targets/target-capabilities";

/** Past its deadline by this much, a running action nobody holds a lease on is taken to be lost. */
export const LOST_AFTER_MS = 60_000;
const HEAP_DUMP_TIMEOUT_MS = 60_000;

export type Started =
  | { kind: "started"; row: ActionRow; drivers: Drivers }
  | { kind: "not_started"; row: ActionRow | null; message: string; code: "NOT_FOUND" | "CONFLICT" };

/** The driver settings and timeouts an action runs with, read in the caller's transaction. */
export async function loadDrivers(tx: Prisma.TransactionClient, row: ActionRow, ctx: ResolvedContext): Promise<Drivers> {
  const settings = await tx.remediationSettings.findUnique({ where: { targetId: row.targetId } });
  return resolveDrivers({ baseUrl: row.target.baseUrl, settings, demo: demoDriversFor(row.target.kind, ctx.demo), commandDrivers: configuredCommandDrivers() });
}

/** How long a run may take before it is taken to be lost: its call's own limit plus a margin. */
export function deadlineOf(definition: ActionDefinition, drivers: Drivers, ctx: ResolvedContext, at: Date): Date {
  const limit = definition.endpoint.kind === "restart" ? drivers.restartTimeoutMs + ctx.timeoutMs : definition.id === "heap-dump" ? HEAP_DUMP_TIMEOUT_MS : ctx.timeoutMs;
  return new Date(at.getTime() + limit + LOST_AFTER_MS);
}

/**
 * requested | approved → running, under the target's lock: one disruptive or destructive action
 * at a time per target, across every worker and web replica (an advisory lock serialises
 * starters, the partial unique index on running rows is the guarantee). Actions lost by a dead
 * process are closed first. With `workerId` the row is claimed with a lease the worker renews
 * while it runs; a row another worker holds is skipped (SKIP LOCKED), never waited for.
 */
export async function startAction(options: { id: number; ctx: ResolvedContext; workerId?: string }): Promise<Started> {
  const { ctx, workerId } = options;
  const at = ctx.now();
  try {
    return await db.$transaction(async (tx) => {
      const peek = await tx.remediationAction.findUnique({ where: { id: options.id }, select: { targetId: true } });
      if (!peek) return { kind: "not_started", row: null, code: "NOT_FOUND", message: `No action #${options.id}.` } as const;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('headroom_remediation_target'), ${peek.targetId}::int)`;
      await closeLostActions(tx, { targetId: peek.targetId, at, meta: ctx.meta });
      const free = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM remediation_actions WHERE id = ${options.id} FOR UPDATE SKIP LOCKED`;
      const row = free.length > 0 ? await lockAction(tx, options.id) : null;
      if (!row || !["requested", "approved"].includes(row.state)) {
        return { kind: "not_started", row, code: "CONFLICT", message: `Action #${options.id} is ${row?.state ?? "being handled elsewhere"}, not ready to run.` } as const;
      }
      const runner = runnerOf(row);
      const meta = runMetaOf(row, ctx.meta);
      const worker = workerId ? { worker: workerId } : {};
      if (row.risk !== "safe") {
        const since = row.state === "approved" && row.decidedAt ? row.decidedAt : row.requestedAt;
        const running = await findRunningExclusive({ targetId: row.targetId, excludeId: row.id, now: at, db: tx });
        const intervening = running ? null : await findInterveningExclusive({ targetId: row.targetId, excludeId: row.id, since, db: tx });
        if (running || intervening) {
          const message = `Not run: ${running ? describeRunning(running) : describeIntervening(intervening!)}`;
          const blocked = await applyTransition(tx, row, { to: "failed", at, data: { finishedAt: at, error: message, errorKind: "conflict", effectStatus: "not_applicable" } });
          await recordActionEvent(tx, { row: blocked, type: "remediation.finished", outcome: "failed", actor: runner, meta, at, error: message, data: worker });
          return { kind: "not_started", row: blocked, code: "CONFLICT", message } as const;
        }
      }
      const definition = getActionDefinition(row.actionId as RunbookActionId);
      const drivers = await loadDrivers(tx, row, ctx);
      const target = await tx.target.findUniqueOrThrow({ where: { id: row.targetId }, select: { memoryLimitMb: true } });
      const before = await measureBefore({ targetId: row.targetId, limitMb: target.memoryLimitMb, at, db: tx });
      const running = await applyTransition(tx, row, {
        to: "running",
        at,
        by: runner.label ?? undefined,
        data: { startedAt: at, deadlineAt: deadlineOf(definition, drivers, ctx, at), ...(workerId ? { claimedBy: workerId, heartbeatAt: at } : {}), ...before },
      });
      await recordActionEvent(tx, { row: running, type: "remediation.started", outcome: "running", actor: runner, meta, at, data: worker });
      return { kind: "started", row: running, drivers } as const;
    }, TX_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The unique index caught a start the advisory lock did not serialise: refuse, recorded.
    return db.$transaction(async (tx) => {
      const row = await lockAction(tx, options.id);
      if (!row) return { kind: "not_started", row: null, code: "NOT_FOUND", message: `No action #${options.id}.` } as const;
      if (!["requested", "approved"].includes(row.state)) return { kind: "not_started", row, code: "CONFLICT", message: `Action #${options.id} is ${row.state}.` } as const;
      const message = "Not run: another disruptive or destructive action started on this target at the same moment.";
      const blocked = await applyTransition(tx, row, { to: "failed", at, data: { finishedAt: at, error: message, errorKind: "conflict", effectStatus: "not_applicable" } });
      await recordActionEvent(tx, { row: blocked, type: "remediation.finished", outcome: "failed", actor: runnerOf(row), meta: runMetaOf(row, ctx.meta), at, error: message });
      return { kind: "not_started", row: blocked, code: "CONFLICT", message } as const;
    }, TX_OPTIONS);
  }
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /P2002|23505|unique constraint/i.test(text);
}
