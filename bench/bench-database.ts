import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";
import { migrate } from "@/supervisor/postgres/migrate";
import { freePort } from "@/supervisor/free-port";
import { adminQuery, assertLocalDatabase, withDatabase } from "@/tests/support/test-database";

/** A fresh, migrated database for one bench run: BENCH_DATABASE_URL's server, or an embedded one. */
export async function openBenchDatabase(): Promise<{ url: string; postmasterPid: number | null; close(): Promise<void> }> {
  let embedded: EmbeddedPostgres | null = null;
  let dataDir: string | null = null;
  let server = process.env.BENCH_DATABASE_URL;
  if (!server) {
    // A free port (and a data directory of its own) unless given: two bench runs on one machine do not collide.
    const port = process.env.HEADROOM_BENCH_PG_PORT ? Number(process.env.HEADROOM_BENCH_PG_PORT) : await freePort();
    dataDir = path.resolve(`.data/bench-pg-${port}`);
    embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    server = embedded.url;
  }
  assertLocalDatabase(server);
  await adminQuery(server, "DROP DATABASE IF EXISTS headroom_bench WITH (FORCE)");
  await adminQuery(server, "CREATE DATABASE headroom_bench");
  const url = withDatabase(server, "headroom_bench");
  await migrate({ url });
  return {
    url,
    // For the CPU PostgreSQL spends in a bench; unknown for a server of BENCH_DATABASE_URL.
    postmasterPid: embedded ? Number(readFileSync(path.join(embedded.clusterDir, "postmaster.pid"), "utf8").split("\n")[0]) : null,
    async close() {
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export async function timeRuns(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: plan caches, connection
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}
