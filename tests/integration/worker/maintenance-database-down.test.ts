import { afterAll, describe, expect, it } from "vitest";
import { proxyTestDatabase } from "@/tests/support/tcp-proxy";

// The real test database behind a proxy the test cuts, as when PostgreSQL is killed.
const proxy = await proxyTestDatabase();

const { db } = await import("@/lib/db");
const { createMaintenance } = await import("@/lib/metrics/create-maintenance");
const { isDatabaseUnavailable } = await import("@/lib/database-unavailable");
const { createLoopFailureLog } = await import("@/worker/loop-failure-log");

afterAll(async () => {
  await db.$disconnect();
  await proxy.close();
});

describe("maintenance while the database is down", () => {
  it("tries again at the next tick, so the worker reports the outage's end only when the database is back", async () => {
    const maintenance = createMaintenance({});
    const lines: string[] = [];
    const failures = createLoopFailureLog({ log: (l) => lines.push(l), logError: (l) => lines.push(l) });
    const tick = async (at: number) => {
      try {
        await maintenance.tick(new Date(at));
        failures.succeeded("maintenance", at);
        return "ok";
      } catch (error) {
        failures.failed("maintenance", error, at);
        return isDatabaseUnavailable(error) ? "unavailable" : "failed";
      }
    };
    const t0 = Date.now();
    await proxy.cut();
    expect(await tick(t0)).toBe("unavailable");
    // A second later, within the same minute: the missed rollup runs again, and fails again.
    expect(await tick(t0 + 1_000)).toBe("unavailable");
    expect(await tick(t0 + 2_000)).toBe("unavailable");
    await proxy.restore();
    expect(await tick(t0 + 3_000)).toBe("ok");
    expect(await tick(t0 + 4_000)).toBe("ok"); // done for this minute: nothing to do
    expect(lines).toEqual([
      expect.stringMatching(/^worker loop maintenance: database unreachable/),
      "worker loop maintenance: database back after 3 s (3 ticks failed)",
    ]);
  });
});
