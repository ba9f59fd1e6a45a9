import { z } from "zod";
import { countSchema, megabytesSchema, timestampSchema } from "./common-schemas";

export const agentStatusSchema = z.enum(["active", "idle", "orphaned"]);

export const agentMemorySchema = z.object({
  agent_id: z.string().min(1),
  status: agentStatusSchema,
  memory_mb: megabytesSchema,
  belief_state_mb: megabytesSchema,
  belief_compressed: z.boolean(),
  coalition_id: z.string().nullable(),
  created_at: timestampSchema,
  last_active_at: timestampSchema,
});

/** GET /api/v1/monitoring/agents/memory */
export const agentsMemorySchema = z.object({
  timestamp: timestampSchema,
  count: countSchema,
  total_mb: megabytesSchema,
  belief_compression: z.boolean(),
  belief_size_limit_mb: z.number().positive(),
  agents: z.array(agentMemorySchema),
});
export type AgentsMemory = z.infer<typeof agentsMemorySchema>;

const lifecycleCountsSchema = z.object({
  spawned: countSchema,
  terminated: countSchema,
  orphaned: countSchema,
  evicted: countSchema,
  cleaned: countSchema,
});

/** GET /api/v1/monitoring/agents/lifecycle: totals count since the instance started. */
export const agentsLifecycleSchema = z.object({
  timestamp: timestampSchema,
  pool: z.object({
    max_size: z.int().positive(),
    size: countSchema,
    active: countSchema,
    idle: countSchema,
    unmet_demand: countSchema,
  }),
  orphaned: z.object({
    count: countSchema,
    memory_mb: megabytesSchema,
    oldest_since: timestampSchema.nullable(),
  }),
  coalitions: z.object({ active: countSchema, formed_total: countSchema, dissolved_total: countSchema }),
  totals: lifecycleCountsSchema,
  last_15m: lifecycleCountsSchema,
});
export type AgentsLifecycle = z.infer<typeof agentsLifecycleSchema>;
