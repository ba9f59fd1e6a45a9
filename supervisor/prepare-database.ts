import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";
import { ensureAppRoles } from "@/supervisor/postgres/app-roles";
import { migrate } from "@/supervisor/postgres/migrate";
import type { Env } from "@/lib/env";

/**
 * `url` is the owner's (migrations, demo seed); `appUrl` is what web and worker connect with:
 * for the embedded database a role that owns nothing, with your own DATABASE_URL that URL.
 * `monitorUrl` reads pg_stat_activity for the demo's database panel. `startAgain`: the embedded
 * server's start, for the supervisor to restart it if it dies.
 */
export type PreparedDatabase = {
  url: string;
  appUrl: string;
  monitorUrl: string;
  embedded: EmbeddedPostgres | null;
  startAgain: (() => Promise<EmbeddedPostgres>) | null;
};

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
    const roles = embedded ? await ensureAppRoles({ ownerUrl: url, dataDir: path.resolve(env.HEADROOM_DATA_DIR) }) : null;
    return { url, appUrl: roles?.appUrl ?? url, monitorUrl: roles?.monitorUrl ?? url, embedded, startAgain };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
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
