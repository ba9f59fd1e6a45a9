import { createHash } from "node:crypto";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/supervisor/postgres/migrate";

const url = process.env.DATABASE_URL!;
const client = new pg.Client({ connectionString: url });
await client.connect();
afterAll(() => client.end());

describe("the migration runner", () => {
  it("recorded every migration in _prisma_migrations as Prisma Migrate does", async () => {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash("sha256").update(files[i].sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    expect(await migrate({ url })).toEqual([]);
  });

  it("rolls back a failing migration, records it, and refuses to go on until it is resolved", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "headroom-migrations-"));
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), "CREATE TABLE half_done (id int);\nSELECT no_such_function();");
    await expect(migrate({ url, dir })).rejects.toThrow(/29990101000000_broken failed: .*no_such_function/);
    const table = await client.query(`SELECT to_regclass('half_done') AS t`);
    expect(table.rows[0].t).toBeNull();
    const { rows } = await client.query(`SELECT logs, rolled_back_at FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`);
    expect(rows[0].rolled_back_at).toBeInstanceOf(Date);
    expect(rows[0].logs).toMatch(/no_such_function/);
  });
});
