import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/supervisor/postgres/embedded-postgres";

const PORT = 54359;

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps its data directory across restarts", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "headroom-embedded-"));
    const first = await startEmbeddedPostgres({ dataDir, port: PORT });
    await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    await first.stop(); // a second stop is harmless
    const second = await startEmbeddedPostgres({ dataDir, port: PORT });
    try {
      expect(await query(second.url, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
      expect(await query(second.url, "SHOW server_version")).toEqual([{ server_version: expect.stringMatching(/^\d+/) }]);
    } finally {
      await second.stop();
      rmSync(second.clusterDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says clearly when its port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(PORT, "127.0.0.1", resolve));
    try {
      const dataDir = mkdtempSync(path.join(tmpdir(), "headroom-embedded-"));
      await expect(startEmbeddedPostgres({ dataDir, port: PORT })).rejects.toThrow(
        /Port 54359 for the embedded PostgreSQL is taken.*HEADROOM_PG_PORT/,
      );
    } finally {
      blocker.close();
    }
  });
});
