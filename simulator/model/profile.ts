/**
 * Calibration of the simulated FreeAgentics API. The figures are chosen so that a steady service sits
 * near half of its 4 GB budget with a visible daily cycle, and each scenario crosses the runbook's
 * 85% threshold within a few hours of its onset: slow enough to look like the real thing, fast
 * enough for a demo at a modest speed-up.
 */
export const TICK_MS = 5_000;
export const SAMPLE_MS = 15_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** The runbook's production settings (API_MAX_MEMORY_MB, API_GC_THRESHOLD_MB, AGENT_POOL_MAX_SIZE). */
export const limits = { memoryLimitMb: 4096, gcThresholdMb: 3072 } as const;
export const defaultConfig = { beliefCompression: false, beliefSizeLimitMb: 64, agentPoolMaxSize: 200 } as const;

export const profile = {
  runtimeMb: 410,
  load: { mean: 0.8, amplitude: 0.28, peakHourUtc: 15, burstSd: 0.12, burstReversionPerMin: 0.1 },
  agents: {
    activePerLoad: 75,
    persistent: 15,
    warmIdle: 20,
    baseMb: [2.4, 4.2],
    beliefNaturalMb: [1.5, 5],
    beliefGrowthMbPerMin: 0.03,
    taskLifetimeMin: 35,
    persistentLifetimeMin: 720,
    idleTtlMin: 120,
    spawnPerTick: 6,
    idlePerTick: 3,
  },
  coalitions: { formationPerMin: 0.7, size: [2, 5], overheadMb: [1.5, 4], memberMb: 0.3, lifetimeMin: [10, 50] },
  requestQueue: { perLoad: 180, requestMb: 0.12, perUnmetAgent: 25 },
  websocket: { clientsPerLoad: 240, connectionMb: 0.28, sessionMin: 20, backlogMbPerMin: 0.015, backlogCapMb: 2 },
  database: { poolSize: 20, activePerLoad: 8, connectionMb: 3.2 },
  cache: { insertMbPerMin: 2, ttlMin: 120, capMb: 480, entryKb: 4 },
  redis: { datasetMb: 45, sessionsPerLoad: 70, expWriteMbPerMin: 1.5, expTtlMin: 30, keyKb: 2 },
  garbage: { apiMbPerMin: 0.8, agentMbPerMin: 0.7, fromFinishedOperation: 0.4, collectAtMb: 150, collectUnderPressureMb: 20 },
  oomDowntimeMs: 30_000,
} as const;

export const scenarioProfile = {
  leak: { onsetAgoMs: 3 * HOUR_MS, orphanProbability: 0.7 },
  spike: {
    onsetAgoMs: 5 * MINUTE_MS,
    firstAfterMin: 2,
    periodMin: [40, 55],
    importMb: [1100, 1500],
    rampS: 90,
    holdMin: [9, 15],
    concurrencyFactor: 4,
  },
  "large-beliefs": { onsetAgoMs: 2 * HOUR_MS, runawayShare: 0.7, growthMbPerMin: 0.5 },
  "redis-bloat": { onsetAgoMs: 3 * HOUR_MS, untrackedWriteMbPerMin: 4 },
  "db-pool-growth": { onsetAgoMs: 3 * HOUR_MS, leaksPerMin: 0.6, heldBuffersMb: [4, 9] },
  "websocket-leak": { onsetAgoMs: 3 * HOUR_MS, staleShare: 0.1 },
  steady: { onsetAgoMs: 0 },
} as const;

export type OperationProfile = {
  component: "api_service" | "agent_system" | "database";
  perMin: number;
  peakMb: readonly [number, number];
  durationS: readonly [number, number];
};

/** Background work a healthy service always has; spawns, coalitions and dumps add their own. */
export const operationProfiles: Record<string, OperationProfile> = {
  belief_update: { component: "agent_system", perMin: 6, peakMb: [2, 12], durationS: [1, 12] },
  inference_batch: { component: "agent_system", perMin: 0.5, peakMb: [20, 120], durationS: [20, 180] },
  knowledge_graph_query: { component: "database", perMin: 3, peakMb: [5, 40], durationS: [1, 30] },
  report_generation: { component: "database", perMin: 0.1, peakMb: [40, 200], durationS: [60, 420] },
  data_import: { component: "api_service", perMin: 0.03, peakMb: [60, 250], durationS: [120, 600] },
};
