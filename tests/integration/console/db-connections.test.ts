import pg from "pg";
import { describe, expect, it } from "vitest";
import { readDbConnections } from "@/lib/investigation/read-db-connections";

// The test's own PostgreSQL plays the target's database: a real server, real pg_stat_activity.
const url = process.env.DATABASE_URL!;

describe("readDbConnections", () => {
  it("counts the target database's connections by state, including an idle one we hold open", async () => {
    const idle = new pg.Client({ connectionString: url });
    await idle.connect();
    try {
      const result = await readDbConnections({ url });
      if (!result.ok) throw new Error(result.error);
      const idleCount = result.byState.find((r) => r.state === "idle")?.count ?? 0;
      expect(idleCount).toBeGreaterThanOrEqual(1);
      expect(result.byState.find((r) => r.state === "active")?.count).toBeGreaterThanOrEqual(1); // our own query
      expect(result.total).toBe(result.byState.reduce((s, r) => s + r.count, 0));
      expect(result.maxConnections).toBeGreaterThan(0);
    } finally {
      await idle.end();
    }
  });

  it("uses a session option that makes PostgreSQL refuse writes", async () => {
    const client = new pg.Client({ connectionString: url, options: "-c default_transaction_read_only=on" });
    await client.connect();
    await expect(client.query("CREATE TABLE should_not_exist (id int)")).rejects.toThrow(/read-only transaction/);
    await client.end();
  });

  it("reports an unreachable database as an error instead of throwing", async () => {
    const result = await readDbConnections({ url: "postgresql://postgres:x@127.0.0.1:1/none", timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
