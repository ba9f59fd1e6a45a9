import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { TargetServer } from "@/simulator/server";
import { createSimulatedTarget, createUsers } from "@/tests/support/remediation-fixtures";

type SuiteUsers = Awaited<ReturnType<typeof createUsers>>;

/**
 * The hooks every remediation suite needs: its people, made before the first test, and every simulator
 * it started closed after the last. `users` is filled in by beforeAll, so read it inside tests.
 */
export function remediationSuite() {
  const users = {} as SuiteUsers;
  const servers: TargetServer[] = [];
  beforeAll(async () => {
    Object.assign(users, await createUsers());
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await db.$disconnect();
  });
  /** A simulator and its target row (see createSimulatedTarget), closed with the suite. */
  const simulatedTarget = async (options: Parameters<typeof createSimulatedTarget>[0] = {}) => {
    const created = await createSimulatedTarget(options);
    servers.push(created.server);
    return created;
  };
  return { users, simulatedTarget };
}
