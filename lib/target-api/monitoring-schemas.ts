import { z } from "zod";
import {
  componentKeySchema,
  countSchema,
  durationSchema,
  megabytesSchema,
  timestampSchema,
} from "./common-schemas";

export const instanceSchema = z.object({
  id: z.string().min(1),
  started_at: timestampSchema,
  uptime_s: z.number().nonnegative(),
});

export const componentMemorySchema = z.object({
  used_mb: megabytesSchema,
  parts: z.record(z.string(), megabytesSchema),
});

/** GET /api/v1/monitoring/memory */
export const memoryStatusSchema = z.object({
  timestamp: timestampSchema,
  instance: instanceSchema,
  used_mb: megabytesSchema,
  limit_mb: z.number().positive(),
  available_mb: z.number(),
  percent: z.number().nonnegative(),
  gc_threshold_mb: z.number().positive(),
  components: z.record(componentKeySchema, componentMemorySchema),
});
export type MemoryStatus = z.infer<typeof memoryStatusSchema>;

export const consumerSchema = z.object({
  name: z.string().min(1),
  component: componentKeySchema,
  memory_mb: megabytesSchema,
  percent: z.number().nonnegative(),
  count: countSchema.nullable(),
  description: z.string(),
});
export type Consumer = z.infer<typeof consumerSchema>;

export const memoryTopQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100, { error: "limit must be an integer from 1 to 100" }).default(20),
});

/** GET /api/v1/monitoring/memory/top */
export const memoryTopSchema = z.object({
  timestamp: timestampSchema,
  used_mb: megabytesSchema,
  consumers: z.array(consumerSchema),
});
export type MemoryTop = z.infer<typeof memoryTopSchema>;

export const memoryHistoryQuerySchema = z.object({
  duration: durationSchema.default("1h"),
  interval: durationSchema.default("1m"),
  component: componentKeySchema.optional(),
});
export type MemoryHistoryQuery = z.input<typeof memoryHistoryQuerySchema>;

/** GET /api/v1/monitoring/metrics/memory: bucket averages, timestamp = bucket start. */
export const memoryHistorySchema = z.object({
  metric: z.string(),
  component: componentKeySchema.nullable(),
  unit: z.literal("MB"),
  duration: durationSchema,
  interval: durationSchema,
  metrics: z.array(z.object({ timestamp: timestampSchema, value: megabytesSchema })),
});
export type MemoryHistory = z.infer<typeof memoryHistorySchema>;

export const memoryTrendQuerySchema = z.object({ duration: durationSchema.default("1h") });

export const trendDirectionSchema = z.enum(["increasing", "stable", "decreasing"]);

/** GET /api/v1/monitoring/metrics/memory/trend: least-squares fit over the window. */
export const memoryTrendSchema = z.object({
  timestamp: timestampSchema,
  duration: durationSchema,
  window_start: timestampSchema,
  window_end: timestampSchema,
  samples: countSchema,
  start_mb: megabytesSchema,
  end_mb: megabytesSchema,
  change_mb: z.number(),
  growth_rate_mb_per_min: z.number(),
  growth_rate_mb_per_hour: z.number(),
  trend: trendDirectionSchema,
  limit_mb: z.number().positive(),
  time_to_limit_min: z.number().nonnegative().nullable(),
  projected_limit_at: timestampSchema.nullable(),
  components: z.record(
    componentKeySchema,
    z.object({ change_mb: z.number(), growth_rate_mb_per_hour: z.number() }),
  ),
});
export type MemoryTrend = z.infer<typeof memoryTrendSchema>;

export const operationStatusSchema = z.enum(["running", "completed", "failed"]);

export const operationSchema = z.object({
  id: z.string().min(1),
  operation_type: z.string().min(1),
  component: componentKeySchema,
  status: operationStatusSchema,
  started_at: timestampSchema,
  finished_at: timestampSchema.nullable(),
  duration_s: z.number().nonnegative(),
  memory_delta_mb: megabytesSchema,
  memory_mb: megabytesSchema,
});
export type Operation = z.infer<typeof operationSchema>;

export const operationsQuerySchema = z.object({
  status: operationStatusSchema.optional(),
  duration_gt: z.coerce.number({ error: "duration_gt must be a number of seconds" }).nonnegative().optional(),
  since: timestampSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000, { error: "limit must be an integer from 1 to 1000" }).default(100),
});
export type OperationsQuery = {
  status?: z.infer<typeof operationStatusSchema>;
  duration_gt?: number;
  since?: string;
  limit?: number;
};

/** GET /api/v1/monitoring/operations: newest first. */
export const operationsSchema = z.object({
  timestamp: timestampSchema,
  count: countSchema,
  operations: z.array(operationSchema),
});
export type Operations = z.infer<typeof operationsSchema>;
