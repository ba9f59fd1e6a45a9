import { z } from "zod";
import {
  componentKeySchema,
  countSchema,
  durationSchema,
  megabytesSchema,
  timestampSchema,
} from "./common-schemas";

export const scenarioNames = [
  "steady",
  "leak",
  "spike",
  "large-beliefs",
  "redis-bloat",
  "db-pool-growth",
  "websocket-leak",
] as const;
export const scenarioNameSchema = z.enum(scenarioNames, {
  error: `scenario must be one of ${scenarioNames.join(", ")}`,
});
export type ScenarioName = z.infer<typeof scenarioNameSchema>;

export const restartModeSchema = z.enum(["rolling", "emergency"], {
  error: 'mode must be "rolling" or "emergency"',
});
export type RestartMode = z.infer<typeof restartModeSchema>;

/** POST /_control/restart: the restart hook Headroom's restart driver calls. */
export const restartRequestSchema = z.strictObject({ mode: restartModeSchema });
export const restartResponseSchema = z.object({
  mode: restartModeSchema,
  status: z.literal("restarting"),
  downtime_ms: countSchema,
  completes_at: timestampSchema,
  previous_instance_id: z.string(),
});
export type RestartResponse = z.infer<typeof restartResponseSchema>;

export const historyQuerySchema = z.object({
  duration: durationSchema.default("24h"),
  step: durationSchema.default("15s"),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;

export const historySampleSchema = z.object({
  timestamp: timestampSchema,
  used_mb: megabytesSchema,
  components: z.record(componentKeySchema, megabytesSchema),
});
export type HistorySample = z.infer<typeof historySampleSchema>;

/** GET /_control/history: raw samples for backfilling a console in one call. */
export const historyResponseSchema = z.object({
  step: durationSchema,
  samples: z.array(historySampleSchema),
});

export const scenarioRequestSchema = z.strictObject({
  scenario: scenarioNameSchema,
  onset_ago: durationSchema.optional(),
});

export const speedRequestSchema = z.strictObject({
  speed: z
    .number({ error: "speed must be a number from 0 to 100000" })
    .min(0, { error: "speed must be a number from 0 to 100000" })
    .max(100_000, { error: "speed must be a number from 0 to 100000" }),
});

const faultBase = {
  endpoint: z.string().regex(/^(\*|\/api\/v1\/[a-z0-9/_-]+)$/, {
    error: 'endpoint must be "*" or a path under /api/v1/ without query string',
  }),
  times: z.int().min(1).optional(),
};

/** POST /_control/faults: applies to matching /api/v1 requests until cleared or `times` used up. */
export const faultRequestSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ ...faultBase, kind: z.literal("slow"), delay_ms: z.int().min(1).max(600_000) }),
    z.strictObject({ ...faultBase, kind: z.literal("error"), status: z.int().min(500).max(599).default(500) }),
    z.strictObject({ ...faultBase, kind: z.literal("refuse") }),
    z.strictObject({ ...faultBase, kind: z.literal("malformed") }),
  ],
  { error: 'kind must be one of "slow", "error", "refuse", "malformed"' },
);
export type FaultRequest = z.infer<typeof faultRequestSchema>;
export type Fault = FaultRequest & { id: number; hits: number };

/** An active fault as the control endpoints report it. */
export const faultSchema = z.looseObject({
  id: z.int().positive(),
  hits: countSchema,
  kind: z.enum(["slow", "error", "refuse", "malformed"]),
  endpoint: z.string(),
});

export const controlStateSchema = z.object({
  status: z.enum(["up", "down"]),
  scenario: scenarioNameSchema,
  scenario_onset_at: timestampSchema,
  seed: z.int(),
  speed: z.number().nonnegative(),
  model_time: timestampSchema,
  wall_time: timestampSchema,
  instance_id: z.string(),
  restart: z.object({ mode: z.enum(["rolling", "emergency", "oom"]), completes_at: timestampSchema }).nullable(),
  used_mb: megabytesSchema,
  percent: z.number().nonnegative(),
  faults: z.array(faultSchema),
});
export type ControlState = z.infer<typeof controlStateSchema>;

export const redisCleanResponseSchema = z.object({
  action: z.literal("redis_clean_expired"),
  timestamp: timestampSchema,
  freed_mb: megabytesSchema,
  keys_deleted: countSchema,
});
