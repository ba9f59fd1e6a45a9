/** Runbook mitigations the console can run; diagnosis steps link to them by id. */
export const runbookActionIds = [
  "cache-cleanup",
  "agent-pool-resize",
  "force-gc",
  "agent-cleanup",
  "belief-compression",
  "belief-compact",
  "db-pool-reset",
  "heap-dump",
  "rolling-restart",
  "emergency-restart",
  "redis-expired-cleanup",
] as const;

export type RunbookActionId = (typeof runbookActionIds)[number];

export type RunbookStep = {
  id: string;
  /** The runbook's own wording. */
  text: string;
  /** Runbook section the step comes from, so a page can cite it. */
  section: string;
  actionId?: RunbookActionId;
};

const conservative = "Mitigation Steps › Immediate Actions › Free Memory - Conservative Approach";
const critical = "Mitigation Steps › Immediate Actions › If Critical (>95%)";
const rootCause = (cause: string) => `Root Cause Analysis › Common Causes and Solutions › ${cause}`;

const step = (id: string, text: string, section: string, actionId?: RunbookActionId): RunbookStep =>
  actionId ? { id, text, section, actionId } : { id, text, section };

/** Steps outside the decision tree that diagnosis can recommend, in the runbook's words. */
export const runbookSteps = {
  clearExpiredCache: step("clear-expired-cache", "Clear expired cache entries", conservative, "cache-cleanup"),
  reduceAgentPool: step("reduce-agent-pool", "Reduce agent pool if oversized", conservative, "agent-pool-resize"),
  forceGc: step("force-garbage-collection", "Force garbage collection", conservative, "force-gc"),
  rollingRestart: step("rolling-restart", "Rolling restart with zero downtime", critical, "rolling-restart"),
  emergencyRestart: step("emergency-restart", "Or emergency restart (30s downtime)", critical, "emergency-restart"),
  forceAgentCleanup: step("force-agent-cleanup", "Force cleanup of orphaned agents", rootCause("Memory Leak in Agent System"), "agent-cleanup"),
  enableBeliefCompression: step("enable-belief-compression", "Enable belief compression", rootCause("Large Belief States"), "belief-compression"),
  clearOversizedBeliefs: step("clear-oversized-beliefs", "Clear oversized beliefs", rootCause("Large Belief States"), "belief-compact"),
  resetDbPool: step("reset-connection-pool", "Reset connection pool", rootCause("Database Connection Pool"), "db-pool-reset"),
  checkRedisMemory: step("check-redis-memory", "Check Redis memory", rootCause("Redis Memory Bloat")),
  analyzeRedisKeys: step("analyze-key-patterns", "Analyze key patterns", rootCause("Redis Memory Bloat")),
  cleanRedisExpiredKeys: step("clean-expired-keys", "Clean expired keys", rootCause("Redis Memory Bloat"), "redis-expired-cleanup"),
} satisfies Record<string, RunbookStep>;
