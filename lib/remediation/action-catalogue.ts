import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import { runbookActionIds, type RunbookActionId } from "@/lib/diagnosis/runbook-actions";

// The one registry of runbook remediations: what each does, what it calls, what it may take,
// how risky it is and who may run it. Pure data and zod, so the page renders from it too;
// what each action executes is in call-target.ts (server only).

export type Risk = "safe" | "disruptive" | "destructive";
export type ActionGroup = "immediate" | "critical" | "investigation" | "root-cause";

/** What the action sends to the target; restarts and the Redis cleanup go through drivers instead. */
export type ActionEndpoint =
  | { kind: "http"; method: "POST" | "PUT"; path: string; body?: (params: Record<string, unknown>) => unknown }
  | { kind: "restart"; mode: "rolling" | "emergency" }
  | { kind: "redis" };

export type ParamField = { name: string; label: string; min: number; max: number; step: number; defaultValue: number; unit?: string };

export type ActionDefinition = {
  id: RunbookActionId;
  label: string;
  group: ActionGroup;
  risk: Risk;
  /** Needed to run it: for destructive actions, to approve-and-run or to break glass. */
  permission: Permission;
  /** Needed to ask for it; a destructive action is asked for by a responder and run by a lead. */
  requestPermission: Permission;
  /** A lead other than the requester must approve it (break-glass aside). */
  secondPerson: boolean;
  /** The person types the target's slug to confirm. */
  typedConfirmation: boolean;
  params: z.ZodType<Record<string, unknown>>;
  paramFields: ParamField[];
  endpoint: ActionEndpoint;
  runbook: { section: string; command: string; guidance: string };
};

// Every parameter is one whole number, so its form field and its zod schema come from one description.
const int = ({ name, min, max, defaultValue }: ParamField) => {
  const error = `${name} must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(defaultValue);
};

const noParams = z.strictObject({});
const immediate = "Mitigation Steps › Immediate Actions (< 5 minutes) › 1. Free Memory - Conservative Approach";
const critical = "Mitigation Steps › Immediate Actions › 2. If Critical (>95%)";
const investigation = "Investigation Steps (5-15 minutes) › 1. Analyze Memory Profile";
const rootCause = (cause: string) => `Root Cause Analysis › Common Causes and Solutions › ${cause}`;

const permissionFor = { safe: "run:remediation:safe", disruptive: "run:remediation:disruptive", destructive: "run:remediation:destructive" } as const;

/** One catalogue row: what differs between actions; the rest follows from risk, endpoint and parameter. */
type CatalogueRow = Pick<ActionDefinition, "id" | "label" | "group" | "risk" | "endpoint"> & {
  section: string;
  guidance: string;
  /** The runbook's command; a plain POST's is the runbook's curl of its path. */
  command?: string;
  /** Destructive actions are confirmed by typing the slug unless a row says otherwise. */
  typedConfirmation?: boolean;
  param?: ParamField;
};

const post = (path: string, body?: (params: Record<string, unknown>) => unknown): ActionEndpoint =>
  body ? { kind: "http", method: "POST", path, body } : { kind: "http", method: "POST", path };

function runbookCommand(row: CatalogueRow): string {
  if (row.command) return row.command;
  if (row.endpoint.kind !== "http") throw new Error(`action ${row.id} needs its runbook command`);
  return `curl -X ${row.endpoint.method} http://localhost:8000${row.endpoint.path}`;
}

function define(row: CatalogueRow): ActionDefinition {
  const { section, guidance, command: _command, typedConfirmation, param, ...action } = row;
  const destructive = action.risk === "destructive";
  return {
    ...action,
    typedConfirmation: typedConfirmation ?? destructive,
    params: param ? z.strictObject({ [param.name]: int(param) }) : noParams,
    paramFields: param ? [param] : [],
    permission: permissionFor[action.risk],
    requestPermission: destructive ? permissionFor.disruptive : permissionFor[action.risk],
    secondPerson: destructive,
    runbook: { section, command: runbookCommand(row), guidance },
  };
}

const poolField: ParamField = { name: "max_size", label: "Pool ceiling (max_size)", min: 1, max: 1000, step: 1, defaultValue: 50, unit: "agents" };
const beliefField: ParamField = { name: "belief_size_limit_mb", label: "Belief size limit", min: 1, max: 1024, step: 1, defaultValue: 10, unit: "MB" };
const batchField: ParamField = { name: "batch_size", label: "Keys per SCAN/UNLINK batch", min: 10, max: 5000, step: 10, defaultValue: 500, unit: "keys" };

const rows: CatalogueRow[] = [
  {
    id: "cache-cleanup", label: "Clear expired cache entries", group: "immediate", risk: "safe", section: immediate,
    endpoint: post("/api/v1/system/cache/cleanup"),
    guidance: "First and cheapest step: frees only entries past their TTL; live entries stay.",
  },
  {
    id: "agent-pool-resize", label: "Reduce agent pool", group: "immediate", risk: "disruptive", section: immediate, param: poolField,
    endpoint: post("/api/v1/system/agents/pool", (p) => ({ max_size: p.max_size })),
    command: `curl -X POST …/api/v1/system/agents/pool -d '{"max_size": 50}'`,
    guidance: "If the pool is oversized: idle agents are evicted; work beyond the ceiling waits in the queue.",
  },
  {
    id: "force-gc", label: "Force garbage collection", group: "immediate", risk: "safe", section: immediate,
    endpoint: post("/api/v1/system/gc"),
    guidance: "Frees unreachable garbage; a leak (memory still referenced) is untouched.",
  },
  {
    id: "rolling-restart", label: "Rolling restart", group: "critical", risk: "destructive", section: critical,
    endpoint: { kind: "restart", mode: "rolling" },
    command: "docker-compose up -d --scale api=2; sleep 30; docker-compose restart api; docker-compose up -d --scale api=1",
    guidance: "Above 95 %: zero downtime. Loses in-process state (agents, cache, runtime config); a leak comes back.",
  },
  {
    id: "emergency-restart", label: "Emergency restart", group: "critical", risk: "destructive", section: critical,
    endpoint: { kind: "restart", mode: "emergency" },
    command: "docker-compose restart api",
    guidance: "Last resort above 95 %: about 30 s of downtime, connections are refused meanwhile.",
  },
  {
    id: "heap-dump", label: "Generate memory heap dump", group: "investigation", risk: "disruptive", section: investigation,
    endpoint: post("/api/v1/monitoring/memory/dump"),
    command: "curl -X POST …/api/v1/monitoring/memory/dump -o memory_dump_$(date +%Y%m%d_%H%M%S).json",
    guidance: "Shows who holds the memory. Taking it costs the process memory for a few seconds: mind a target near its limit.",
  },
  {
    id: "agent-cleanup", label: "Force cleanup of orphaned agents", group: "root-cause", risk: "safe", section: rootCause("1. Memory Leak in Agent System"),
    endpoint: post("/api/v1/system/agents/cleanup"),
    guidance: "For a gradual leak with orphaned agents: releases terminated agents still referenced by coalitions.",
  },
  {
    id: "belief-compression", label: "Enable belief compression", group: "root-cause", risk: "disruptive", section: rootCause("2. Large Belief States"), param: beliefField,
    endpoint: { kind: "http", method: "PUT", path: "/api/v1/system/config", body: (p) => ({ belief_compression: true, belief_size_limit_mb: p.belief_size_limit_mb }) },
    command: `curl -X PUT …/api/v1/system/config -d '{"belief_compression": true, "belief_size_limit_mb": 10}'`,
    guidance: "Caps belief growth from now on; frees nothing by itself (compact next). A restart reverts it.",
  },
  {
    // Disruptive, yet typed: what it cuts from the beliefs does not come back.
    id: "belief-compact", label: "Clear oversized beliefs", group: "root-cause", risk: "disruptive", section: rootCause("2. Large Belief States"), typedConfirmation: true,
    endpoint: post("/api/v1/system/agents/beliefs/compact"),
    guidance: "Shrinks every belief state above the size limit to the limit: detail above it is lost.",
  },
  {
    id: "db-pool-reset", label: "Reset connection pool", group: "root-cause", risk: "destructive", section: rootCause("3. Database Connection Pool"),
    endpoint: post("/api/v1/system/db/pool/reset"),
    guidance: "Closes idle and idle-in-transaction connections (open transactions are rolled back); busy ones stay.",
  },
  {
    id: "redis-expired-cleanup", label: "Clean expired Redis keys", group: "root-cause", risk: "destructive", section: rootCause("4. Redis Memory Bloat"), param: batchField,
    endpoint: { kind: "redis" },
    command: `redis-cli EVAL "return redis.call('del', unpack(redis.call('keys', 'exp:*')))" 0`,
    guidance: "Deletes the exp:* keys. Headroom uses SCAN + UNLINK in batches, never the runbook's KEYS, which blocks Redis while it walks every key.",
  },
];

export const actionCatalogue: readonly ActionDefinition[] = rows.map(define);

const byId = new Map(actionCatalogue.map((action) => [action.id, action]));
if (byId.size !== runbookActionIds.length) throw new Error("action catalogue and runbook action ids disagree");

export function getActionDefinition(id: RunbookActionId): ActionDefinition {
  return byId.get(id)!;
}

export const actionGroups: { id: ActionGroup; title: string; section: string }[] = [
  { id: "immediate", title: "Immediate actions (< 5 minutes)", section: immediate },
  { id: "critical", title: "If critical (> 95 %)", section: critical },
  { id: "investigation", title: "Investigation (5-15 minutes)", section: investigation },
  { id: "root-cause", title: "Root cause solutions", section: "Root Cause Analysis › Common Causes and Solutions" },
];

/** Defaults of the action's parameters, as the form starts with them. */
export function defaultParams(action: ActionDefinition): Record<string, number> {
  return Object.fromEntries(action.paramFields.map((field) => [field.name, field.defaultValue]));
}
