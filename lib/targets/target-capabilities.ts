import type { ActionDefinition } from "@/lib/remediation/action-catalogue";
import type { Drivers } from "@/lib/remediation/drivers/resolve-drivers";

/** What a target can show and take, from its kind and its remediation settings. */
export type TargetCapabilities = {
  /** Top consumers, agents, WebSocket and operations panels; GC, cache, agent and belief actions; heap dump. */
  runbookApi: boolean;
  restart: boolean;
  redisCleanup: boolean;
  /** One sentence per missing capability: what is missing and how to add it. */
  missing: string[];
};

export const RUNBOOK_API_MISSING =
  "Top consumers, agents, WebSocket and operations panels, GC, cache cleanup, agent and belief actions and the heap dump need the runbook API; see docs/target-api.md.";
const RESTART_MISSING =
  "Restarts need a restart driver: an admin sets an HTTP hook, or picks a named driver from the server's HEADROOM_RESTART_DRIVERS_FILE, in Settings › Remediation.";
const REDIS_MISSING = "The Redis key cleanup needs the service's Redis URL: an admin sets it in Settings › Remediation.";

/**
 * `drivers`: the target's resolved drivers (restart from its HTTP hook or its named command
 * driver), or `true` where only the kind is to be judged.
 */
export function targetCapabilities(options: {
  kind: string;
  drivers: { restart: Drivers["restart"] | true; restartUnavailable?: Drivers["restartUnavailable"]; redis: Drivers["redis"] | true };
}): TargetCapabilities {
  const runbookApi = options.kind === "runbook-api";
  const restart = options.drivers.restart !== null;
  const redisCleanup = options.drivers.redis !== null;
  // A driver the settings name but the server cannot use says why (the file is broken, the name gone).
  const restartMissing = options.drivers.restartUnavailable ?? RESTART_MISSING;
  const missing = [!runbookApi && RUNBOOK_API_MISSING, !restart && restartMissing, !redisCleanup && REDIS_MISSING].filter((s): s is string => Boolean(s));
  return { runbookApi, restart, redisCleanup, missing };
}

/** Why the target cannot take this action, or null when it can. */
export function unsupportedReason(definition: ActionDefinition, capabilities: TargetCapabilities): string | null {
  const endpoint = definition.endpoint.kind;
  if (endpoint === "http" && !capabilities.runbookApi) return `${definition.label} calls the runbook API, which this target does not serve (see docs/target-api.md).`;
  if (endpoint === "restart" && !capabilities.restart) return `${definition.label} needs a restart driver (an HTTP hook or a named driver), and this target has none it can use.`;
  if (endpoint === "redis" && !capabilities.redisCleanup) return `${definition.label} needs the target's Redis URL, and none is configured.`;
  return null;
}

/** The demo's stand-in drivers (the simulator's own hooks) exist only for simulated runbook-API targets. */
export const demoDriversFor = (kind: string, demo: boolean) => demo && kind === "runbook-api";
