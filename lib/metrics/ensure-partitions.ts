import "server-only";
import type { Db } from "@/lib/db";

const DAY_MS = 86_400_000;
// Days known to have a partition, per process: the SQL function is idempotent but takes a lock.
const knownDays = new Set<number>();

/** Creates the daily partitions of `metrics` that [from, to] needs, if missing. */
export async function ensurePartitions(options: { db: Db; from: Date; to: Date }): Promise<void> {
  const first = Math.floor(options.from.getTime() / DAY_MS);
  const last = Math.floor(options.to.getTime() / DAY_MS);
  let missing = false;
  for (let day = first; day <= last && !missing; day++) missing = !knownDays.has(day);
  if (!missing) return;
  await options.db.$queryRaw`SELECT headroom_ensure_metric_partitions(${options.from}::timestamptz, ${options.to}::timestamptz)`;
  for (let day = first; day <= last; day++) knownDays.add(day);
}

/** Forgets what this process knows (partitions may have been dropped by retention elsewhere). */
export function forgetKnownPartitions(): void {
  knownDays.clear();
}
