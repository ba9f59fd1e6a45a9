import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { TEMPLATE_DATABASE, adminQuery, assertLocalDatabase, withDatabase } from "@/tests/support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

let embedded: EmbeddedPostgres | null = null;

// A real PostgreSQL for the suite: TEST_DATABASE_URL if given, else the embedded one under
// .data/test-pg. The schema is migrated once into a template that each test file copies.
export async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(".data/test-pg"),
      port: Number(process.env.HEADROOM_TEST_PG_PORT ?? 54339),
      database: "postgres",
    });
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
}
