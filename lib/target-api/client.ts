import { parsePrometheus, type PrometheusSample } from "./parse-prometheus";
import { createRequester, invalid } from "./request-target";
import {
  agentsLifecycleSchema,
  agentsMemorySchema,
  configResponseSchema,
  historyResponseSchema,
  memoryHistorySchema,
  memoryStatusSchema,
  memoryTopSchema,
  memoryTrendSchema,
  operationsSchema,
  remediationResultSchema,
  restartResponseSchema,
  websocketStatsSchema,
  type AgentPoolRequest,
  type ConfigUpdateRequest,
  type HistoryQuery,
  type MemoryHistoryQuery,
  type OperationsQuery,
  type RemediationAction,
  type RemediationResult,
  type RestartMode,
} from "./schemas";

export { TargetApiError, type TargetApiErrorKind } from "./target-api-error";

export type TargetClientOptions = {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Where the restart hook lives; the demo target serves it at /_control/restart. */
  restartHookUrl?: string;
};

export type RemediationResultOf<A extends RemediationAction> = Extract<RemediationResult, { action: A }>;

const monitoring = "/api/v1/monitoring";
const system = "/api/v1/system";

/** The only way Headroom talks to a target: every answer is checked against docs/target-api.md. */
export function createTargetClient(options: TargetClientOptions) {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const http = createRequester({ baseUrl: options.baseUrl, timeoutMs, fetch: fetchImpl });
  const hook = new URL(options.restartHookUrl ?? `${options.baseUrl.replace(/\/+$/, "")}/_control/restart`);
  const hookHttp = createRequester({ baseUrl: hook.origin, timeoutMs, fetch: fetchImpl });

  async function remediate<A extends RemediationAction>(action: A, path: string, body?: unknown): Promise<RemediationResultOf<A>> {
    const result = await http.json({ method: "POST", path, body }, remediationResultSchema);
    if (result.action !== action) throw invalid(`POST ${path}`, `reports action "${result.action}" instead of "${action}"`);
    return result as RemediationResultOf<A>;
  }

  return {
    getMemory: () => http.json({ method: "GET", path: `${monitoring}/memory` }, memoryStatusSchema),
    getTopConsumers: (query: { limit?: number } = {}) =>
      http.json({ method: "GET", path: `${monitoring}/memory/top`, query }, memoryTopSchema),
    getMetrics: async (): Promise<PrometheusSample[]> => {
      const { text, endpoint } = await http.readText({ method: "GET", path: `${monitoring}/metrics` });
      try {
        return parsePrometheus(text);
      } catch (error) {
        throw invalid(endpoint, `is not Prometheus text (${(error as Error).message})`, error);
      }
    },
    getMemoryHistory: (query: MemoryHistoryQuery = {}) =>
      http.json({ method: "GET", path: `${monitoring}/metrics/memory`, query }, memoryHistorySchema),
    getMemoryTrend: (query: { duration?: string } = {}) =>
      http.json({ method: "GET", path: `${monitoring}/metrics/memory/trend`, query }, memoryTrendSchema),
    getOperations: (query: OperationsQuery = {}) =>
      http.json({ method: "GET", path: `${monitoring}/operations`, query }, operationsSchema),
    getAgentsMemory: () => http.json({ method: "GET", path: `${monitoring}/agents/memory` }, agentsMemorySchema),
    getAgentsLifecycle: () =>
      http.json({ method: "GET", path: `${monitoring}/agents/lifecycle` }, agentsLifecycleSchema),
    getWebsocketStats: () =>
      http.json({ method: "GET", path: `${monitoring}/websocket/stats` }, websocketStatsSchema),
    /** Streams the heap dump; the timeout covers the whole download, so it defaults to a minute. */
    dumpMemory: async (dump: { timeoutMs?: number } = {}) => {
      const path = `${monitoring}/memory/dump`;
      const { response } = await http.send({ method: "POST", path, timeoutMs: dump.timeoutMs ?? 60_000 });
      const disposition = response.headers.get("content-disposition") ?? "";
      const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? "memory_dump.json";
      if (!response.body) throw invalid(`POST ${path}`, "has no body");
      return { filename, body: response.body };
    },
    cleanupCache: () => remediate("cache_cleanup", `${system}/cache/cleanup`),
    resizeAgentPool: (body: AgentPoolRequest) => remediate("agent_pool_resize", `${system}/agents/pool`, body),
    collectGarbage: () => remediate("gc", `${system}/gc`),
    cleanupAgents: () => remediate("agent_cleanup", `${system}/agents/cleanup`),
    compactBeliefs: () => remediate("belief_compaction", `${system}/agents/beliefs/compact`),
    resetDbPool: () => remediate("db_pool_reset", `${system}/db/pool/reset`),
    getConfig: () => http.json({ method: "GET", path: `${system}/config` }, configResponseSchema),
    updateConfig: (body: ConfigUpdateRequest) =>
      http.json({ method: "PUT", path: `${system}/config`, body }, configResponseSchema),
    restart: (mode: RestartMode) =>
      hookHttp.json({ method: "POST", path: hook.pathname, body: { mode } }, restartResponseSchema),
    /** Raw samples from the target's own model, for backfilling a fresh console in one call. */
    getHistory: (query: HistoryQuery = {}) =>
      http.json({ method: "GET", path: "/_control/history", query }, historyResponseSchema),
  };
}

export type TargetClient = ReturnType<typeof createTargetClient>;
