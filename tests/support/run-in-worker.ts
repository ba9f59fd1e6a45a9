import { db } from "@/lib/db";
import { actionInclude, toActionView } from "@/lib/remediation/action-rows";
import type { ActionOutcome } from "@/lib/remediation/action-view";
import type { RemediationContext } from "@/lib/remediation/remediation-context";
import { approveAction as recordApproval } from "@/lib/remediation/request/approve-action";
import { createRemediationRunner } from "@/lib/remediation/run/create-remediation-runner";
import { runRemediation as recordRequest } from "@/lib/remediation/run/run-remediation";
import { testContext } from "@/tests/support/remediation-fixtures";

// The lib records a request or an approval and returns; the worker runs it. These helpers do
// what a page and the worker do together: call the lib, then tick the worker's own runner (with
// the same context: timeouts, clock) until the action no longer waits or runs.

const BUSY = new Set(["requested", "approved", "running"]);
let runners = 0;
const newRunner = (context: RemediationContext) => createRemediationRunner({ workerId: `test-worker-${process.pid}-${++runners}`, context });

/** Ticks a fresh runner until it finds nothing more to start or recover, waiting for what it ran. */
export async function runQueuedActions(context: RemediationContext = testContext()): Promise<void> {
  const runner = newRunner(context);
  for (let round = 0; round < 100; round += 1) {
    const { started, recovered } = await runner.tick();
    await runner.drain();
    if (started === 0 && recovered === 0) return;
  }
}

/** The outcome with its action as it stands once the worker has run it. */
export async function settle(outcome: ActionOutcome, context: RemediationContext = testContext(), timeoutMs = 30_000): Promise<ActionOutcome> {
  if (!outcome.ok) return outcome;
  const runner = newRunner(context);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runner.tick();
    await runner.drain();
    const row = await db.remediationAction.findUniqueOrThrow({ where: { id: outcome.action.id }, include: actionInclude });
    if (!BUSY.has(row.state)) return { ...outcome, action: toActionView(row) };
    if (Date.now() > deadline) throw new Error(`action #${row.id} still ${row.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** runRemediation, then the worker until the action has run (or waits for approval). */
export async function runRemediation(options: Parameters<typeof recordRequest>[0]): Promise<ActionOutcome> {
  return settle(await recordRequest(options), options.context);
}

/** approveAction, then the worker until the approved action has run. */
export async function approveAction(options: Parameters<typeof recordApproval>[0]): Promise<ActionOutcome> {
  return settle(await recordApproval(options), options.context);
}
