import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { removeDriversFile, unprivilegedUser, writeDriversFile } from "@/tests/support/drivers-file";

vi.hoisted(() => {
  process.env.HEADROOM_RESTART_DRIVERS_FILE = `/tmp/headroom-test-drivers-${process.pid}.json`;
});

import { db } from "@/lib/db";
import { getTargetView } from "@/lib/console/get-target-view";
import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { insertUser } from "@/tests/support/user-fixtures";

let admin: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  writeDriversFile([{ name: "compose-api", rolling: ["/bin/true"], emergency: ["/bin/true"], run_as_user: unprivilegedUser }]);
  admin = await insertUser("admin");
});
afterAll(async () => {
  removeDriversFile();
  await db.$disconnect();
});

/** A prometheus target whose remediation settings restart it with `settings`. */
async function prometheusTarget(slug: string, settings: { restartDriver: string; commandDriver?: string; restartHookUrl?: string } | null) {
  const target = await db.target.create({ data: { slug, name: slug, kind: "prometheus", preset: "process", baseUrl: "http://127.0.0.1:9/metrics" } });
  if (settings) await db.remediationSettings.create({ data: { targetId: target.id, ...settings } });
  return target;
}

describe("a target's restart capability comes from its chosen named driver or its HTTP hook", () => {
  it("offers restarts through a named driver from the file, and never the runbook API's actions", async () => {
    await prometheusTarget("named-driver", { restartDriver: "command", commandDriver: "compose-api" });
    const actions = await listTargetActions({ slug: "named-driver", user: admin });
    expect(actions.capabilities.unsupported["rolling-restart"]).toBeUndefined();
    expect(actions.capabilities.unsupported["emergency-restart"]).toBeUndefined();
    expect(actions.capabilities.unsupported["force-gc"]).toMatch(/runbook API/);
    expect(actions.capabilities.missing.some((s) => /restart/i.test(s))).toBe(false);
    expect((await getTargetView({ slug: "named-driver", range: "1h" })).capabilities).toMatchObject({ runbookApi: false, restart: true });
  });

  it("an HTTP hook counts the same", async () => {
    await prometheusTarget("hook-driver", { restartDriver: "http", restartHookUrl: "http://127.0.0.1:9/restart" });
    expect((await getTargetView({ slug: "hook-driver", range: "1h" })).capabilities.restart).toBe(true);
  });

  it("a name the file does not have (any more) offers no restart and says why; no driver at all says how to add one", async () => {
    await prometheusTarget("gone-driver", { restartDriver: "command", commandDriver: "removed-from-file" });
    const gone = await listTargetActions({ slug: "gone-driver", user: admin });
    expect(gone.capabilities.unsupported["rolling-restart"]).toMatch(/needs a restart driver/);
    expect(gone.capabilities.missing).toContainEqual(expect.stringMatching(/"removed-from-file" is not in HEADROOM_RESTART_DRIVERS_FILE/));

    await prometheusTarget("no-driver", null);
    const none = await listTargetActions({ slug: "no-driver", user: admin });
    expect(none.capabilities.unsupported["emergency-restart"]).toMatch(/needs a restart driver/);
    expect(none.capabilities.missing).toContainEqual(expect.stringMatching(/picks a named driver from the server's HEADROOM_RESTART_DRIVERS_FILE/));
  });
});
