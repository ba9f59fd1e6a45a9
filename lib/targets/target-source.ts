import "server-only";
import { db } from "@/lib/db";
import { mappingOfRow, type MemoryMapping } from "@/lib/targets/target-definition";

/** How a target's pushed series are read, and the limit in force (node-exporter's MemTotal stand-in). */
export async function readTargetSource(options: { targetId: number }): Promise<{ mapping: MemoryMapping | null; memoryLimitMb: number } | null> {
  const row = await db.target.findUnique({
    where: { id: options.targetId },
    select: { kind: true, preset: true, usedMetric: true, limitMetric: true, matchLabels: true, memoryLimitMb: true },
  });
  return row ? { mapping: mappingOfRow(row), memoryLimitMb: row.memoryLimitMb } : null;
}

/** A limit the source reported (pushed): it becomes the target's limit, as a scraped one does. */
export async function recordReportedLimit(options: { targetId: number; limitMb: number }): Promise<void> {
  if (!(options.limitMb >= 1)) return;
  await db.target.updateMany({
    where: { id: options.targetId, NOT: { memoryLimitMb: Math.round(options.limitMb), memoryLimitSource: "reported" } },
    data: { memoryLimitMb: Math.round(options.limitMb), memoryLimitSource: "reported" },
  });
}
