import pg from "pg";
import { dataDirSecret } from "@/supervisor/data-dir-secret";

export type AppRoles = { appUrl: string; monitorUrl: string };

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The same server and database as `url`, signed in as another role. */
function urlAs(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

/**
 * The roles the console connects as, so that the web server and the worker cannot do what only
 * the tables' owner may (docs/decisions/0011-keyed-anchored-audit-chain.md): migrations run as the
 * owner, web and worker as `app`, which owns nothing, may read and write the tables but only
 * INSERT and SELECT the audit trail, and so cannot ALTER it, disable its append-only triggers,
 * UPDATE, DELETE or TRUNCATE it. `monitor` (pg_monitor, no table) reads pg_stat_activity for the
 * demo's database panel. Idempotent: run after every migration, so new tables are granted too.
 */
export async function ensureAppRoles(options: { ownerUrl: string; dataDir: string; appRole?: string; monitorRole?: string }): Promise<AppRoles> {
  const app = options.appRole ?? "headroom_app";
  const monitor = options.monitorRole ?? "headroom_monitor";
  for (const role of [app, monitor]) if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  const appPassword = dataDirSecret(options.dataDir, `pg-password-${app}`, 18);
  const monitorPassword = dataDirSecret(options.dataDir, `pg-password-${monitor}`, 18);
  const database = decodeURIComponent(new URL(options.ownerUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    const id = (name: string) => client.escapeIdentifier(name);
    const ensureRole = async (role: string, password: string) => {
      const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      if (exists.rowCount === 0) await client.query(`CREATE ROLE ${id(role)}`);
      await client.query(`ALTER ROLE ${id(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`);
      await client.query(`GRANT CONNECT ON DATABASE ${id(database)} TO ${id(role)}`);
    };
    await ensureRole(app, appPassword);
    await ensureRole(monitor, monitorPassword);
    await client.query("BEGIN");
    await client.query(`GRANT USAGE ON SCHEMA public TO ${id(app)}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${id(app)}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_events" FROM ${id(app)}`);
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${id(app)}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${id(app)}`);
    // The owner's functions that create and drop partitions of metrics (SECURITY DEFINER).
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${id(app)}`);
    // Partitions the owner's function creates later are tables too.
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${id(app)}`);
    await client.query(`GRANT pg_monitor TO ${id(monitor)}`);
    // Earlier demo seeds stored the owner's own URL as the leaking target's diagnostics database:
    // the console would then hold the owner's password. It reads that panel as the monitor role.
    await client.query(`UPDATE "targets" SET "diagnostics_database_url" = $1 WHERE "diagnostics_database_url" = $2`, [urlAs(options.ownerUrl, monitor, monitorPassword), options.ownerUrl]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { appUrl: urlAs(options.ownerUrl, app, appPassword), monitorUrl: urlAs(options.ownerUrl, monitor, monitorPassword) };
}
