import { z } from "zod";
import { countSchema, megabytesSchema, timestampSchema } from "./common-schemas";

const poolSizeMessage = "max_size must be an integer from 1 to 1000";
const beliefLimitMessage = "belief_size_limit_mb must be a number from 1 to 1024";

/** POST /api/v1/system/agents/pool */
export const agentPoolRequestSchema = z.strictObject({
  max_size: z
    .int({ error: poolSizeMessage })
    .min(1, { error: poolSizeMessage })
    .max(1000, { error: poolSizeMessage }),
});
export type AgentPoolRequest = z.infer<typeof agentPoolRequestSchema>;

/** PUT /api/v1/system/config: a partial update; omitted fields keep their value. */
export const configUpdateRequestSchema = z
  .strictObject({
    belief_compression: z.boolean({ error: "belief_compression must be true or false" }).optional(),
    belief_size_limit_mb: z
      .number({ error: beliefLimitMessage })
      .min(1, { error: beliefLimitMessage })
      .max(1024, { error: beliefLimitMessage })
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    error: "give at least one of belief_compression, belief_size_limit_mb",
  });
export type ConfigUpdateRequest = z.infer<typeof configUpdateRequestSchema>;

export const systemConfigSchema = z.object({
  belief_compression: z.boolean(),
  belief_size_limit_mb: z.number().positive(),
  agent_pool_max_size: z.int().positive(),
  memory_limit_mb: z.number().positive(),
  gc_threshold_mb: z.number().positive(),
});
export type SystemConfig = z.infer<typeof systemConfigSchema>;

/** GET and PUT /api/v1/system/config */
export const configResponseSchema = z.object({
  timestamp: timestampSchema,
  config: systemConfigSchema,
  previous: systemConfigSchema,
});
export type ConfigResponse = z.infer<typeof configResponseSchema>;

const remediationBase = {
  timestamp: timestampSchema,
  freed_mb: z.number(),
  used_before_mb: megabytesSchema,
  used_after_mb: megabytesSchema,
};

function remediation<A extends string, D extends z.ZodRawShape>(action: A, details: D) {
  return z.object({ action: z.literal(action), ...remediationBase, details: z.object(details) });
}

/** Every remediation reports what it freed: used_before_mb - used_after_mb, measured at one instant. */
export const remediationResultSchema = z.discriminatedUnion("action", [
  remediation("cache_cleanup", {
    entries_removed: countSchema,
    live_entries: countSchema,
    live_mb: megabytesSchema,
  }),
  remediation("agent_pool_resize", {
    previous_max_size: z.int().positive(),
    max_size: z.int().positive(),
    evicted_agents: countSchema,
    pool_size: countSchema,
    active_agents: countSchema,
    idle_agents: countSchema,
  }),
  remediation("gc", { collected_objects: countSchema, collections_total: countSchema }),
  remediation("agent_cleanup", { orphans_removed: countSchema }),
  remediation("belief_compaction", {
    agents_compacted: countSchema,
    belief_size_limit_mb: z.number().positive(),
    largest_belief_mb: megabytesSchema,
  }),
  remediation("db_pool_reset", {
    idle_closed: countSchema,
    idle_in_transaction_closed: countSchema,
    active_kept: countSchema,
  }),
]);
export type RemediationResult = z.infer<typeof remediationResultSchema>;
export type RemediationAction = RemediationResult["action"];
