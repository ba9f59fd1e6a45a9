import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";
import { migrate } from "@/supervisor/postgres/migrate";
import { freePort } from "@/tests/support/free-port";
import { TEMPLATE_DATABASE, adminQuery, assertLocalDatabase, withDatabase } from "@/tests/support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

let embedded: EmbeddedPostgres | null = null;
let dataDir: string | null = null;

// A real PostgreSQL for the suite: TEST_DATABASE_URL if given, else the embedded one under
// .data/test-pg. The schema is migrated once into a template that each test file copies.
export async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // A new cluster per run (initdb takes about a second) on a free port: concurrent runs
    // on one machine never share a server, and nothing is left behind.
    const port = process.env.HEADROOM_TEST_PG_PORT ? Number(process.env.HEADROOM_TEST_PG_PORT) : await freePort();
    dataDir = path.resolve(`.data/test-pg-${port}`);
    rmSync(dataDir, { recursive: true, force: true });
    embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres" });
    serverUrl = embedded.url;
  }
  assertLocalDatabase(serverUrl);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrate({ url: withDatabase(serverUrl, TEMPLATE_DATABASE) });
  project.provide("databaseServerUrl", serverUrl);
}

export async function teardown() {
  await embedded?.stop();
  if (embedded) rmSync(embedded.clusterDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
