import "server-only";
import { db } from "@/lib/db";
import { describeError } from "@/lib/errors";

export type Health = {
  status: "ok" | "degraded";
  database: "ok" | "down";
  reason?: string;
  databaseLatencyMs?: number;
  checkedAt: string;
};

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database did not answer within 3 s")), 3000);
      }),
    ]);
    return { status: "ok", database: "ok", databaseLatencyMs: Math.round(performance.now() - started), checkedAt };
  } catch (error) {
    return { status: "degraded", database: "down", reason: describeError(error), checkedAt };
  } finally {
    clearTimeout(timer);
  }
}
