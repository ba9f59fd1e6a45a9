import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/supervisor/postgres/migrate";
import { adminQuery, withDatabase } from "@/tests/support/test-database";

const CHANNELS = "20261206000100_oncall_notification_channels";
const url = process.env.DATABASE_URL!;
const database = `channel_migration_${process.pid}`;
const dbUrl = withDatabase(url, database);
afterAll(() => adminQuery(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

describe("the notification channels migration", () => {
  it("turns each target's webhook into a channel of that target, and its pending deliveries follow", async () => {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery(url, `CREATE DATABASE ${database}`);
    const before = mkdtempSync(path.join(tmpdir(), "headroom-before-channels-"));
    for (const m of readMigrations().filter((m) => m.name < CHANNELS)) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
    await migrate({ url: dbUrl, dir: before });

    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO targets (id, slug, name, base_url) VALUES (1, 'api', 'API', 'http://127.0.0.1:9'), (2, 'quiet', 'Quiet', 'http://127.0.0.1:9')`);
      await client.query(`INSERT INTO target_webhooks (target_id, url, updated_at, updated_by_email) VALUES (1, 'https://hooks.slack.com/services/T/B/secret', now(), 'admin@x')`);
      await client.query(`INSERT INTO notifications (target_id, kind, payload, status, max_attempts, next_attempt_at, created_at)
        VALUES (1, 'firing', '{}', 'pending', 5, now(), now()), (1, 'resolved', '{}', 'delivered', 5, now(), now())`);

      expect(await migrate({ url: dbUrl })).toContain(CHANNELS);

      const channels = await client.query(`SELECT target_id, name, url, events, repeat_interval_seconds FROM notification_channels`);
      expect(channels.rows).toEqual([
        {
          target_id: 1,
          name: "Webhook",
          url: "https://hooks.slack.com/services/T/B/secret",
          events: ["firing", "severity_change", "no_data", "resolved", "acknowledged", "approval_waiting", "renotify"],
          repeat_interval_seconds: 14400,
        },
      ]);
      const deliveries = await client.query(`SELECT status, channel_id IS NOT NULL AS has_channel FROM notifications ORDER BY id`);
      expect(deliveries.rows).toEqual([{ status: "pending", has_channel: true }, { status: "delivered", has_channel: false }]);
      expect((await client.query(`SELECT to_regclass('target_webhooks') AS t`)).rows[0].t).toBeNull();
    } finally {
      await client.end();
    }
  });
});
