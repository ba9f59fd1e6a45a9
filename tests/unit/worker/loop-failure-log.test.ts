import { afterAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db";
import { createLoopFailureLog } from "@/worker/loop-failure-log";

// A real Prisma error from a server that refuses connections (nothing listens on port 1).
const db = createDbClient("postgresql://postgres:x@127.0.0.1:1/none");
afterAll(() => db.$disconnect());
const refused = () => db.$queryRaw`SELECT 1`.then(() => null, (error: unknown) => error);

function recorder() {
  const lines: string[] = [];
  const errors: unknown[] = [];
  return { lines, errors, failures: createLoopFailureLog({ log: (l) => lines.push(l), logError: (l, e) => (lines.push(l), errors.push(e)) }) };
}

describe("worker loop failures", () => {
  it("reports a database outage once per loop when it starts and once when it ends", async () => {
    const { lines, errors, failures } = recorder();
    const error = await refused();
    for (let tick = 0; tick < 40; tick++) {
      failures.failed("alerts", error, 1_000 + tick * 1_000);
      failures.failed("maintenance", error, 1_000 + tick * 1_000);
    }
    failures.succeeded("alerts", 42_000);
    failures.succeeded("alerts", 43_000);
    expect(lines).toEqual([
      "worker loop alerts: database unreachable (Can't reach database server at 127.0.0.1:1); retrying every tick, quietly until it is back",
      "worker loop maintenance: database unreachable (Can't reach database server at 127.0.0.1:1); retrying every tick, quietly until it is back",
      "worker loop alerts: database back after 41 s (40 ticks failed)",
    ]);
    expect(errors).toEqual([]);
  });

  it("logs any other failure in full, every time", () => {
    const { lines, errors, failures } = recorder();
    const bug = new TypeError("cannot read properties of undefined");
    failures.failed("policies", bug, 0);
    failures.failed("policies", bug, 1_000);
    expect(lines).toEqual(["worker loop policies failed:", "worker loop policies failed:"]);
    expect(errors).toEqual([bug, bug]);
  });
});
