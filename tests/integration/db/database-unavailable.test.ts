import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/database-unavailable";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TargetApiError, createTargetClient } from "@/lib/target-api/client";
import { startTcpProxy, type TcpProxy } from "@/tests/support/tcp-proxy";

// Real errors from Prisma 7 + adapter-pg, produced by taking the real test database away
// through a proxy: the classifier is only as good as the shapes it has seen.
let proxy: TcpProxy;
let db: PrismaClient;

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  url.port = String(proxy.port);
  db = createDbClient(url.toString());
});
afterAll(async () => {
  await db.$disconnect();
  await proxy.close();
});

const failure = (call: () => Promise<unknown>) => call().then(() => null, (error: unknown) => error);
const calls = () => ({
  raw: () => db.$queryRaw`SELECT 1`,
  model: () => db.user.findMany(),
  batch: () => db.$transaction([db.user.count(), db.target.count()]),
  interactive: () => db.$transaction(async (tx) => tx.user.count()),
});

describe("isDatabaseUnavailable", () => {
  it("recognises a refused connection and a connection dropped under a pool, for every kind of call", async () => {
    expect(await failure(() => db.user.count())).toBeNull(); // a pooled connection exists
    await proxy.cut();
    for (const [name, call] of Object.entries(calls())) {
      const error = await failure(call);
      expect(error, name).not.toBeNull();
      expect(isDatabaseUnavailable(error), `${name}: ${String(error)}`).toBe(true);
    }
    await proxy.acceptAndDrop();
    for (const [name, call] of Object.entries(calls())) {
      const error = await failure(call);
      expect(isDatabaseUnavailable(error), `${name} (dropped): ${String(error)}`).toBe(true);
    }
    await proxy.restore();
    expect(await failure(() => db.user.count())).toBeNull();
  });

  it("does not mistake the database's own refusals or other failures for an outage", async () => {
    await db.target.create({ data: { slug: "dup", name: "Dup", baseUrl: "http://127.0.0.1:9" } });
    const duplicate = await failure(() => db.target.create({ data: { slug: "dup", name: "Dup", baseUrl: "http://127.0.0.1:9" } }));
    const syntax = await failure(() => db.$queryRawUnsafe("SELEC 1"));
    const timeout = await failure(() => db.$queryRawUnsafe("SET statement_timeout = 10; SELECT pg_sleep(1)"));
    // A target refusing a scrape is not the database going away, whatever its cause chain says.
    const refusedTarget = await failure(() => createTargetClient({ baseUrl: "http://127.0.0.1:9", timeoutMs: 1000 }).getMemory());
    expect(refusedTarget).toBeInstanceOf(TargetApiError);
    for (const error of [duplicate, syntax, timeout, new Error("boom"), refusedTarget, null, "text"]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});
