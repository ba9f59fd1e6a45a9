import { inject } from "vitest";
import { TEMPLATE_DATABASE, adminQuery, withDatabase } from "@/tests/support/test-database";

// Each test file gets a fresh database copied from the migrated template, so files never
// see each other's rows. Runs before the file's imports, so lib/db picks this URL up.
const serverUrl = inject("databaseServerUrl");
const database = `headroom_test_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`;
await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await adminQuery(serverUrl, `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
process.env.DATABASE_URL = withDatabase(serverUrl, database);
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
process.env.HEADROOM_AUDIT_KEY ??= "integration-test-audit-key-integration-test-audit-key";
