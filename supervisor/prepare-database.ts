import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";
import { migrate } from "@/supervisor/postgres/migrate";
import type { Env } from "@/lib/env";

/** `startAgain`: the embedded server's start, for the supervisor to restart it if it dies. */
export type PreparedDatabase = { url: string; embedded: EmbeddedPostgres | null; startAgain: (() => Promise<EmbeddedPostgres>) | null };

/** The configured server when DATABASE_URL is set; otherwise an embedded PostgreSQL. Migrated either way. */
export async function prepareDatabase(options: { env: Env; log: (line: string) => void }): Promise<PreparedDatabase> {
  const { env, log } = options;
  let embedded: EmbeddedPostgres | null = null;
  let startAgain: PreparedDatabase["startAgain"] = null;
  let url = env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(env.HEADROOM_DATA_DIR);
    log(`starting embedded PostgreSQL (data in ${dataDir}, port ${env.HEADROOM_PG_PORT})`);
    startAgain = () => startEmbeddedPostgres({ dataDir, port: env.HEADROOM_PG_PORT, log: pgLog(log) });
    embedded = await startAgain();
    url = embedded.url;
  }
  try {
    const applied = await migrate({ url, log });
    log(applied.length ? `database migrated (${applied.length} new)` : "database schema is up to date");
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded, startAgain };
}

// The start-up notes (stale pid file removed, new cluster) and a PANIC; the server's routine log
// stays out of the console (a failed start quotes it in its error).
function pgLog(log: (line: string) => void) {
  return (chunk: string) => {
    for (const line of chunk.split("\n").map((l) => l.trim())) {
      const serverLine = /^\d{4}-\d\d-\d\d .*\b[A-Z]+:/.test(line);
      if (line && (!serverLine || /\bPANIC:/.test(line))) log(`postgres: ${line}`);
    }
  };
}
