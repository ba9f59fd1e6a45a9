import { z } from "zod";
import {
  componentKeySchema,
  countSchema,
  megabytesSchema,
  timestampSchema,
} from "./common-schemas";
import { instanceSchema } from "./monitoring-schemas";

/** GET /api/v1/monitoring/websocket/stats: "idle" means no frame either way for 60 s. */
export const websocketStatsSchema = z.object({
  timestamp: timestampSchema,
  total_connections: countSchema,
  active_connections: countSchema,
  idle_connections: countSchema,
  send_queue_messages: countSchema,
  send_queue_mb: megabytesSchema,
  memory_mb: megabytesSchema,
  opened_total: countSchema,
  closed_total: countSchema,
});
export type WebsocketStats = z.infer<typeof websocketStatsSchema>;

export const heapObjectSchema = z.object({
  address: z.string().regex(/^0x[0-9a-f]+$/),
  type: z.string().min(1),
  component: componentKeySchema,
  size_bytes: countSchema,
  owner: z.string().nullable(),
  referrers: z.array(z.string()),
  age_s: z.number().nonnegative(),
});
export type HeapObject = z.infer<typeof heapObjectSchema>;

/** POST /api/v1/monitoring/memory/dump: streamed; one record per sampled block of the heap. */
export const memoryDumpSchema = z.object({
  format: z.literal("freeagentics-heap-dump"),
  version: z.literal(1),
  created_at: timestampSchema,
  instance: instanceSchema,
  summary: z.object({
    used_mb: megabytesSchema,
    limit_mb: z.number().positive(),
    components: z.record(componentKeySchema, megabytesSchema),
    sample_bytes: z.int().positive(),
  }),
  object_count: countSchema,
  objects: z.array(heapObjectSchema),
});
export type MemoryDump = z.infer<typeof memoryDumpSchema>;
