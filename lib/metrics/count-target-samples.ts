import "server-only";
import { db } from "@/lib/db";

/** How many raw samples a target has stored (what deleting it removes). */
export async function countTargetSamples(options: { targetId: number }): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM metrics WHERE target_id = ${options.targetId}`;
  return Number(row.count);
}
