import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { Fault, FaultRequest } from "@/lib/target-api/schemas";
import { sendError } from "./send";

/** Faults injected through /_control/faults, matched by exact path or "*", optionally for a number of hits. */
export function createFaultTable() {
  let faults: Fault[] = [];
  let nextId = 1;
  return {
    add(request: FaultRequest): Fault {
      const fault = { ...request, id: nextId, hits: 0 } as Fault;
      nextId += 1;
      faults.push(fault);
      return fault;
    },
    clear(): void {
      faults = [];
    },
    list: (): Fault[] => faults.map((fault) => ({ ...fault })),
    take(path: string): Fault | null {
      const fault = faults.find((candidate) => candidate.endpoint === path || candidate.endpoint === "*");
      if (!fault) return null;
      fault.hits += 1;
      if (fault.times !== undefined && fault.hits >= fault.times) faults = faults.filter((f) => f !== fault);
      return fault;
    },
  };
}
export type FaultTable = ReturnType<typeof createFaultTable>;

/**
 * Plays a fault out on a live request. Returns true when the fault answered (or dropped) the request;
 * a slow fault only delays it and lets the real handler answer.
 */
export async function playFault(fault: Fault, request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<boolean> {
  switch (fault.kind) {
    case "slow":
      await delay(fault.delay_ms, undefined, { signal }).catch(() => undefined);
      return signal.aborted;
    case "error":
      sendError(response, fault.status, "injected_fault", `injected fault: HTTP ${fault.status}`);
      return true;
    case "refuse":
      // The closest a server can come to refusing once a connection is accepted: drop it unanswered.
      request.socket.destroy();
      return true;
    case "malformed":
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"timestamp": "2025-01-01T00:00:00.000Z", "used_mb": 12');
      return true;
  }
}
