import { operationProfiles, profile } from "./profile";
import type { Instance, Operation, OperationComponent, TickContext } from "./types";

const finishedKept = 2_000;
const failureRate = 0.02;

export type OperationSpec = {
  type: string;
  component: OperationComponent;
  peakMb: number;
  durationMs: number;
  rampMs?: number;
  fails?: boolean;
};

export function startOperation(instance: Instance, t: number, spec: OperationSpec): Operation {
  instance.operations.seq += 1;
  const operation: Operation = {
    id: `op-${String(instance.operations.seq).padStart(6, "0")}`,
    type: spec.type,
    component: spec.component,
    status: "running",
    startedAtMs: t,
    endsAtMs: t + spec.durationMs,
    finishedAtMs: null,
    rampMs: spec.rampMs ?? Math.max(1, spec.durationMs * 0.2),
    peakMb: spec.peakMb,
    heldMb: 0,
    maxHeldMb: 0,
    fails: spec.fails ?? false,
  };
  instance.operations.running.push(operation);
  return operation;
}

/** Draws a background operation of a known type, so its size and length follow the type's profile. */
function randomOperation(ctx: TickContext, type: string): OperationSpec {
  const spec = operationProfiles[type];
  return {
    type,
    component: spec.component,
    peakMb: ctx.rng.uniform(spec.peakMb[0], spec.peakMb[1]),
    durationMs: ctx.rng.uniform(spec.durationS[0], spec.durationS[1]) * 1_000,
    fails: ctx.rng.chance(failureRate),
  };
}

/**
 * Operations allocate while they ramp up, hold their working set, then release it: most is freed at
 * once, the rest becomes garbage that waits for a collection.
 */
export function tickOperations(ctx: TickContext, concurrency: number): void {
  const { instance, t } = ctx;
  const still: Operation[] = [];
  for (const operation of instance.operations.running) {
    if (t >= operation.endsAtMs) {
      finishOperation(instance, operation, t);
    } else {
      operation.heldMb = operation.peakMb * Math.min(1, (t - operation.startedAtMs) / operation.rampMs);
      operation.maxHeldMb = Math.max(operation.maxHeldMb, operation.heldMb);
      still.push(operation);
    }
  }
  instance.operations.running = still;
  for (const [type, spec] of Object.entries(operationProfiles)) {
    const burst = spec.component === "agent_system" && type !== "belief_update" ? concurrency : 1;
    const count = ctx.rng.poisson(spec.perMin * ctx.load * ctx.dtMin * burst);
    for (let i = 0; i < count; i += 1) startOperation(instance, t, randomOperation(ctx, type));
  }
}

function finishOperation(instance: Instance, operation: Operation, t: number): void {
  operation.maxHeldMb = operation.peakMb * Math.min(1, (operation.endsAtMs - operation.startedAtMs) / operation.rampMs);
  operation.status = operation.fails ? "failed" : "completed";
  operation.finishedAtMs = t;
  instance.garbage[operation.component] += operation.maxHeldMb * profile.garbage.fromFinishedOperation;
  operation.heldMb = 0;
  const finished = instance.operations.finished;
  finished.push(operation);
  if (finished.length > finishedKept + 200) finished.splice(0, finished.length - finishedKept);
}

export function runningMb(instance: Instance, component: OperationComponent): number {
  let total = 0;
  for (const operation of instance.operations.running) {
    if (operation.component === component) total += operation.heldMb;
  }
  return total;
}
