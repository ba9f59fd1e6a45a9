import type { ComponentKey, RestartMode, ScenarioName } from "@/lib/target-api/schemas";
import type { Rng } from "./rng";

export type AgentStatus = "active" | "idle" | "orphaned";

export type Agent = {
  id: string;
  status: AgentStatus;
  persistent: boolean;
  baseMb: number;
  beliefMb: number;
  beliefNaturalMb: number;
  /** Fixed at spawn, so whether a scenario makes this agent's beliefs run away does not depend on when it is asked. */
  runawayRoll: number;
  compressed: boolean;
  coalitionId: string | null;
  createdAtMs: number;
  lastActiveAtMs: number;
  dueAtMs: number;
};

export type Coalition = { id: string; memberIds: Set<string>; overheadMb: number; dissolveAtMs: number };

export type DbConnectionState = "active" | "idle" | "idle_in_transaction";
export type DbConnection = { state: DbConnectionState; memoryMb: number };

export type OperationComponent = Extract<ComponentKey, "api_service" | "agent_system" | "database">;

export type Operation = {
  id: string;
  type: string;
  component: OperationComponent;
  status: "running" | "completed" | "failed";
  startedAtMs: number;
  endsAtMs: number;
  finishedAtMs: number | null;
  rampMs: number;
  peakMb: number;
  heldMb: number;
  maxHeldMb: number;
  fails: boolean;
};

export type LifecycleEvent = "spawned" | "terminated" | "orphaned" | "evicted" | "cleaned";

export type Config = { beliefCompression: boolean; beliefSizeLimitMb: number; agentPoolMaxSize: number };

/** Everything that lives inside the API process and is lost when it restarts. */
export type Instance = {
  id: string;
  startedAtMs: number;
  config: Config;
  runtimeMb: number;
  agents: Agent[];
  agentSeq: number;
  coalitions: Coalition[];
  coalitionSeq: number;
  coalitionTotals: { formed: number; dissolved: number };
  lifecycle: { totals: Record<LifecycleEvent, number>; recent: { event: LifecycleEvent; atMs: number }[] };
  unmetAgentDemand: number;
  requestQueue: number;
  websocket: { active: number; staleBacklogMb: number[]; openedTotal: number; closedTotal: number };
  db: DbConnection[];
  cache: { liveMb: number; expiredMb: number };
  garbage: Record<OperationComponent, number>;
  gcCollections: number;
  operations: { running: Operation[]; finished: Operation[]; seq: number };
};

/** Redis runs beside the API: it keeps its keys when the API restarts. */
export type RedisState = { sessionsMb: number; expiringMb: number; untrackedMb: number };

export type HistoryBuffer = { times: number[]; used: number[]; components: Record<ComponentKey, number[]> };

export type ModelEvent =
  | { type: "oom_killed"; atMs: number; instanceId: string }
  | { type: "restarted"; atMs: number; mode: RestartMode | "oom"; instanceId: string };

export type ModelState = {
  seed: number;
  rng: Rng;
  nowMs: number;
  nextTickMs: number;
  tickCount: number;
  scenario: { name: ScenarioName; onsetMs: number; nextSpikeMs: number | null; spikeEndsAtMs: number | null };
  loadBurst: number;
  peakHourUtc: number;
  instanceSeq: number;
  instance: Instance;
  down: { reason: "oom" | "restart"; sinceMs: number; untilMs: number | null } | null;
  redis: RedisState;
  history: HistoryBuffer;
  events: ModelEvent[];
};

export type TickContext = { state: ModelState; instance: Instance; t: number; dtMin: number; load: number; rng: Rng };
