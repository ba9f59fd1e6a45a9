import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";
import { migrate } from "@/supervisor/postgres/migrate";
import type { Env } from "@/lib/env";

export type PreparedDatabase = { url: string; embedded: EmbeddedPostgres | null };

/** The configured server when DATABASE_URL is set; otherwise an embedded PostgreSQL. Migrated either way. */
export async function prepareDatabase(options: { env: Env; log: (line: string) => void }): Promise<PreparedDatabase> {
  const { env, log } = options;
  let embedded: EmbeddedPostgres | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(env.HEADROOM_DATA_DIR);
    log(`starting embedded PostgreSQL (data in ${dataDir}, port ${env.HEADROOM_PG_PORT})`);
    embedded = await startEmbeddedPostgres({ dataDir, port: env.HEADROOM_PG_PORT });
    url = embedded.url;
  }
  try {
    const applied = await migrate({ url, log });
    log(applied.length ? `database migrated (${applied.length} new)` : "database schema is up to date");
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded };
}
