import "server-only";
import { db } from "@/lib/db";
import { systemRequestMeta } from "@/lib/audit/request-meta";
import { describeError } from "@/lib/errors";
import { TX_OPTIONS, type ActionRow } from "@/lib/remediation/action-rows";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";
import { resolveContext, type RemediationContext } from "@/lib/remediation/remediation-context";
import { START_GRACE_MS } from "@/lib/remediation/request/expire-approvals";
import { carryOutAction } from "@/lib/remediation/run/carry-out-action";
import { closeLostActions, LEASE_MS } from "@/lib/remediation/run/close-lost-actions";
import { recoverLeasedRun } from "@/lib/remediation/run/recover-leased-run";
import { startAction } from "@/lib/remediation/run/start-action";

/** The heap dump streams through the web request that asked for it; the worker never runs it. */
const IN_REQUEST_ACTIONS = ["heap-dump"];

/**
 * The worker's remediation loop. Each tick: close or resume runs whose worker died (an expired
 * lease), then claim actions that wait to be run (requested, or approved by a lead) and carry
 * them out in the background, renewing each run's lease until it is recorded as finished. A tick
 * returns at once: a restart that takes two minutes never holds up the worker's other loops.
 */
export function createRemediationRunner(options: {
  workerId: string;
  log?: (line: string) => void;
  context?: Partial<RemediationContext>;
  maxConcurrent?: number;
  leaseMs?: number;
}) {
  const { workerId } = options;
  const log = options.log ?? (() => undefined);
  const ctx = resolveContext({ meta: systemRequestMeta("headroom-worker"), ...options.context });
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const maxConcurrent = options.maxConcurrent ?? 8;
  const inFlight = new Map<number, Promise<void>>();
  let heartbeat: NodeJS.Timeout | null = null;

  const renewLeases = async () => {
    if (inFlight.size === 0) return;
    await db.remediationAction
      .updateMany({ where: { id: { in: [...inFlight.keys()] }, claimedBy: workerId, state: "running" }, data: { heartbeatAt: ctx.now() } })
      .catch((error: unknown) => log(`remediation: could not renew leases: ${describeError(error)}`));
  };

  function carryOut(row: ActionRow, drivers: Drivers) {
    const run = carryOutAction({ row, drivers, ctx, workerId })
      .then((done) => {
        if (done) log(`remediation #${row.id} ${row.actionId} on ${row.target.slug}: ${done.state}`);
        else log(`remediation #${row.id}: taken over by another worker before its call started; not run here`);
      })
      .catch((error: unknown) => log(`remediation #${row.id}: could not record its run (${describeError(error)}); its lease lapses and another worker closes it`))
      .finally(() => {
        inFlight.delete(row.id);
        if (inFlight.size === 0 && heartbeat) {
          clearInterval(heartbeat);
          heartbeat = null;
        }
      });
    inFlight.set(row.id, run);
    heartbeat ??= setInterval(() => void renewLeases(), Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref?.();
  }

  async function recover(now: Date): Promise<number> {
    await db.$transaction((tx) => closeLostActions(tx, { at: now, meta: ctx.meta }), TX_OPTIONS);
    const expired = await db.remediationAction.findMany({
      where: { state: "running", claimedBy: { not: null }, heartbeatAt: { lt: new Date(now.getTime() - leaseMs) } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 20,
    });
    let recovered = 0;
    for (const { id } of expired) {
      if (inFlight.has(id)) continue;
      const outcome = await recoverLeasedRun({ id, ctx, workerId, leaseMs });
      if (outcome.kind === "none") continue;
      recovered += 1;
      if (outcome.kind === "resumed") {
        log(`remediation #${id}: resumed (its worker ${outcome.previousWorker} stopped before calling the target)`);
        carryOut(outcome.row, outcome.drivers);
      } else log(`remediation #${id}: failed, its worker ${outcome.previousWorker} stopped mid-run`);
    }
    return recovered;
  }

  async function claim(now: Date): Promise<number> {
    const free = maxConcurrent - inFlight.size;
    if (free <= 0) return 0;
    // Older than the grace, an action was never picked up (no worker ran): the expiry sweep fails it closed.
    const since = new Date(now.getTime() - START_GRACE_MS);
    const waiting = await db.remediationAction.findMany({
      where: {
        actionId: { notIn: IN_REQUEST_ACTIONS },
        OR: [
          { state: "requested", requestedAt: { gte: since } },
          { state: "approved", decidedAt: { gte: since } },
        ],
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: free,
    });
    let started = 0;
    for (const { id } of waiting) {
      const result = await startAction({ id, ctx, workerId });
      if (result.kind !== "started") continue;
      started += 1;
      carryOut(result.row, result.drivers);
    }
    return started;
  }

  return {
    async tick(): Promise<{ recovered: number; started: number }> {
      const now = ctx.now();
      const recovered = await recover(now);
      const started = await claim(now);
      return { recovered, started };
    },
    /** The runs this worker holds now. */
    running: () => [...inFlight.keys()],
    /** Waits for every run this worker holds to be recorded (on shutdown, and in tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}
