import "server-only";
import { db } from "@/lib/db";
import {
  agentsLifecycleSchema,
  agentsMemorySchema,
  memoryStatusSchema,
  memoryTopSchema,
  operationsSchema,
  websocketStatsSchema,
} from "@/lib/target-api/schemas";

const SCHEMAS = {
  memory: memoryStatusSchema,
  top: memoryTopSchema,
  agents: agentsMemorySchema,
  lifecycle: agentsLifecycleSchema,
  websocket: websocketStatsSchema,
  operations: operationsSchema,
} as const;

type Kind = keyof typeof SCHEMAS;
export type Snapshots = { [K in Kind]: { capturedAt: string; data: import("zod").infer<(typeof SCHEMAS)[K]> } | null };

/** The newest investigation documents of a target, re-validated (they are stored as JSON). */
export async function readSnapshots(options: { targetId: number }): Promise<Snapshots> {
  const rows = await db.targetSnapshot.findMany({ where: { targetId: options.targetId } });
  const out = Object.fromEntries(Object.keys(SCHEMAS).map((k) => [k, null])) as Snapshots;
  for (const row of rows) {
    const schema = SCHEMAS[row.kind as Kind];
    if (!schema) continue;
    const parsed = schema.safeParse(row.payload);
    if (parsed.success) (out as Record<string, unknown>)[row.kind] = { capturedAt: row.capturedAt.toISOString(), data: parsed.data };
  }
  return out;
}
