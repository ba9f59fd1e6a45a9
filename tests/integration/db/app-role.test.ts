import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAppRoles, type AppRoles } from "@/supervisor/postgres/app-roles";

// The console's own connection in demo mode: a role that owns nothing. The lib below runs as that
// role (DATABASE_URL is switched before anything opens the client), as the web server and worker do.
let roles: AppRoles;
let ownerUrl: string;
const suffix = `${process.pid}_${Date.now() % 100_000}`;

beforeAll(async () => {
  ownerUrl = process.env.DATABASE_URL!;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`INSERT INTO targets (slug, name, base_url, diagnostics_database_url) VALUES ('roles-demo', 'Roles demo', 'http://127.0.0.1:9', $1)`, [ownerUrl]);
  await owner.end();
  roles = await ensureAppRoles({ ownerUrl, dataDir: mkdtempSync(path.join(tmpdir(), "headroom-roles-")), appRole: `app_${suffix}`, monitorRole: `mon_${suffix}` });
  process.env.DATABASE_URL = roles.appUrl;
});

const { db } = await import("@/lib/db");
afterAll(async () => {
  await db.$disconnect();
  // Roles belong to the whole server (TEST_DATABASE_URL may be a shared one): leave none behind.
  for (const role of [`app_${suffix}`, `mon_${suffix}`]) {
    await asRole(ownerUrl, `DROP OWNED BY ${role}`);
    await asRole(ownerUrl, `DROP ROLE ${role}`);
  }
});

async function asRole(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

describe("the role web and worker connect as in demo mode", () => {
  it("is not a superuser and owns nothing", async () => {
    const { rows } = await asRole(roles.appUrl, "SELECT rolsuper, rolcreaterole, rolbypassrls, (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int AS owned FROM pg_roles r WHERE rolname = current_user");
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolbypassrls: false, owned: 0 });
  });

  it("cannot disable the audit trail's triggers, nor UPDATE, DELETE or TRUNCATE it", async () => {
    const { appendAuditEvent } = await import("@/lib/audit/append-audit-event");
    await db.$transaction((tx) => appendAuditEvent(tx, { type: "auth.sign_in", outcome: "ok", actor: { kind: "user", id: 1, label: "a@test", role: "admin" } }));
    for (const sql of [
      "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only",
      "ALTER TABLE audit_events DISABLE TRIGGER USER",
      "DROP TRIGGER audit_events_append_only ON audit_events",
    ]) {
      await expect(asRole(roles.appUrl, sql), sql).rejects.toThrow(/must be owner of (table|relation) audit_events/);
    }
    await expect(asRole(roles.appUrl, "UPDATE audit_events SET outcome = 'denied'")).rejects.toThrow(/permission denied for table audit_events/);
    await expect(asRole(roles.appUrl, "DELETE FROM audit_events")).rejects.toThrow(/permission denied for table audit_events/);
    await expect(asRole(roles.appUrl, "TRUNCATE audit_events")).rejects.toThrow(/permission denied for table audit_events/);
    await expect(asRole(roles.appUrl, "SET ROLE postgres")).rejects.toThrow(/permission denied to set role/);
    expect((await asRole(ownerUrl, "SELECT count(*)::int AS n FROM audit_events")).rows[0].n).toBe(1);
  });

  it("does what the console does: samples into new partitions, retention drops old ones, remediation runs", async () => {
    const { writeSamples } = await import("@/lib/metrics/write-samples");
    const { applyRetention } = await import("@/lib/metrics/apply-retention");
    const { METRIC } = await import("@/lib/metrics/sample");
    const target = await db.target.findUniqueOrThrow({ where: { slug: "roles-demo" } });
    const now = new Date();
    const old = new Date(now.getTime() - 20 * 86_400_000);
    const sample = (timestamp: Date) => ({ targetId: target.id, metricName: METRIC.systemUsed, labels: "", timestamp, valueMb: 100 });
    expect(await writeSamples({ samples: [sample(old), sample(now)] })).toBe(2);
    const dropped = await applyRetention({ now });
    expect(dropped.droppedPartitions).toContain(`metrics_p${old.toISOString().slice(0, 10).replaceAll("-", "")}`);
    // Dropping anything but a partition of metrics is refused by the owner's function.
    await expect(asRole(roles.appUrl, "SELECT headroom_drop_metric_partition('audit_events')")).rejects.toThrow(/not a daily partition of metrics/);

    const { createSimulatedTarget, createUsers, asActor, newKey, testContext } = await import("@/tests/support/remediation-fixtures");
    const { runRemediation } = await import("@/tests/support/run-in-worker");
    const users = await createUsers();
    const simulated = await createSimulatedTarget();
    try {
      const outcome = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: simulated.target.slug, actionId: "cache-cleanup", idempotencyKey: newKey() }, context: testContext() });
      expect(outcome.ok && outcome.action.state).toBe("succeeded");
    } finally {
      await simulated.server.close();
    }
  });

  it("reads the demo's database panel as a monitor role that cannot read the console's tables", async () => {
    const target = await db.target.findUniqueOrThrow({ where: { slug: "roles-demo" } });
    expect(target.diagnosticsDatabaseUrl).toBe(roles.monitorUrl);
    const { rows } = await asRole(roles.monitorUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state IS NOT NULL AND usename <> current_user");
    expect(rows[0].n).toBeGreaterThan(0);
    await expect(asRole(roles.monitorUrl, "SELECT * FROM users")).rejects.toThrow(/permission denied for table users/);
  });
});
