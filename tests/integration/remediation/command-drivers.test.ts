import { existsSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { driversFilePath, removeDriversFile, runningAsRoot, unprivilegedUser, writeDriversFile, type TestDriver } from "@/tests/support/drivers-file";

vi.hoisted(() => {
  process.env.HEADROOM_RESTART_DRIVERS_FILE = `/tmp/headroom-test-drivers-${process.pid}.json`;
});

import { db } from "@/lib/db";
import { approveAction, runRemediation } from "@/tests/support/run-in-worker";
import { listTargetActions } from "@/lib/remediation/list-target-actions";
import { asActor, auditRowsFor, newKey, simulatorState, testContext } from "@/tests/support/remediation-fixtures";
import { remediationSuite } from "@/tests/support/remediation-suite";

const { users, simulatedTarget } = remediationSuite();
const marker = `/tmp/headroom-root-driver-ran-${process.pid}`;
const dbPassword = new URL(process.env.DATABASE_URL!).password;
const authSecret = process.env.NEXTAUTH_SECRET!;

// Restarts the simulator the way a real driver's `docker compose restart` would, from inside the child.
const restartScript = (mode: string) =>
  `fetch(process.env.HEADROOM_TARGET_URL + "/_control/restart", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "${mode}" }) }).then((r) => process.exit(r.status === 202 && process.env.HEADROOM_RESTART_MODE === "${mode}" ? 0 : 3))`;
const nodeRestart = (mode: string) => [process.execPath, "-e", restartScript(mode)];
// Prints `id -u` and `env`, then restarts the target.
const probe = (mode: string) => ["/bin/sh", "-c", 'id -u; env; exec "$0" -e "$1"', process.execPath, restartScript(mode)];
// A command that prints the console's secrets (as a misbehaving tool might), lots of noise, and fails.
const leaky = ["/bin/sh", "-c", 'echo "secret $0"; echo "db $1"; head -c 20000 /dev/zero | tr "\\0" x; echo; echo "Authorization: Bearer abc.DEF-123456789"; echo "PGPASSWORD=$2 psql"; echo "last line"; exit 3', authSecret, process.env.DATABASE_URL!, dbPassword];

const drivers: TestDriver[] = [
  { name: "probe", rolling: probe("rolling"), emergency: probe("emergency"), run_as_user: unprivilegedUser, env: { KUBECONFIG: "/etc/headroom/kubeconfig", DEPLOY_TOKEN: "deploy-tok-5up3r-s3cret" } },
  { name: "node-restart", rolling: nodeRestart("rolling"), emergency: nodeRestart("emergency"), run_as_user: unprivilegedUser },
  { name: "compose-broken", rolling: [process.execPath, "-e", "console.error('compose: no such service: api'); process.exit(2)"], emergency: ["/bin/false"], run_as_user: unprivilegedUser },
  { name: "leaky", rolling: leaky, emergency: leaky, run_as_user: unprivilegedUser },
  { name: "as-root", rolling: ["/usr/bin/touch", marker], emergency: ["/usr/bin/touch", marker] },
  { name: "named-root", rolling: ["/usr/bin/touch", marker], emergency: ["/usr/bin/touch", marker], run_as_user: "root" },
];

beforeAll(async () => {
  expect(process.env.HEADROOM_RESTART_DRIVERS_FILE).toBe(driversFilePath());
  writeDriversFile(drivers);
});
afterAll(async () => {
  removeDriversFile();
  rmSync(marker, { force: true });
});

async function targetWithDriver(commandDriver: string) {
  const { server, target } = await simulatedTarget({ scenario: "db-pool-growth" });
  await db.remediationSettings.update({ where: { targetId: target.id }, data: { restartDriver: "command", restartHookUrl: null, commandDriver } });
  return { server, target };
}

/** A responder asks for a restart, a lead approves it, and it runs. */
async function restart(slug: string, actionId = "rolling-restart") {
  const requested = await runRemediation({ actor: asActor(users.responder), input: { targetSlug: slug, actionId, idempotencyKey: newKey(), confirmation: slug }, context: testContext() });
  if (!requested.ok) throw new Error(requested.message);
  const outcome = await approveAction({ actor: asActor(users.lead), input: { remediationId: requested.action.id }, context: testContext() });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.action;
}

describe.runIf(runningAsRoot)("command drivers from the server's configuration", () => {
  it("run as the configured unprivileged user with PATH, HOME, LANG, their own variables and Headroom's only", async () => {
    const { server, target } = await targetWithDriver("probe");
    const before = (await simulatorState(server.url)).instance_id;
    const action = await restart(target.slug);
    expect(action.state).toBe("succeeded");
    expect((await simulatorState(server.url)).instance_id).not.toBe(before);
    const [run] = action.steps;
    expect(run.name).toMatch(/^run \/bin\/sh -c .* \(as nobody\)$/);
    const lines = run.detail!.replace(/^exit 0: /, "").split("\n");
    expect(lines[0]).toBe("65534");
    const env = Object.fromEntries(lines.slice(1).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
    // PWD is the shell's own; everything else is exactly what Headroom passed.
    expect(Object.keys(env).sort()).toEqual(["DEPLOY_TOKEN", "HEADROOM_RESTART_MODE", "HEADROOM_TARGET_SLUG", "HEADROOM_TARGET_URL", "HOME", "KUBECONFIG", "LANG", "PATH", "PWD"]);
    expect(env).toMatchObject({ HOME: "/nonexistent", LANG: "C.UTF-8", KUBECONFIG: "/etc/headroom/kubeconfig", HEADROOM_TARGET_SLUG: target.slug, HEADROOM_RESTART_MODE: "rolling", PWD: "/" });
    expect(env.PATH).toBe("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    // The driver's own token reaches the command, but not the page.
    expect(env.DEPLOY_TOKEN).toBe("****");
    expect(JSON.stringify(action)).not.toContain("deploy-tok-5up3r-s3cret");
  });

  it("keep the runbook's restart through a command, and its failure in plain words", async () => {
    const { server, target } = await targetWithDriver("node-restart");
    const before = (await simulatorState(server.url)).instance_id;
    const action = await restart(target.slug);
    expect(action).toMatchObject({ state: "succeeded" });
    expect(action.steps[0]).toMatchObject({ status: "done", detail: "exit 0", name: expect.stringMatching(/^run .*node -e fetch/) });
    expect((await simulatorState(server.url)).instance_id).not.toBe(before);

    await db.remediationSettings.update({ where: { targetId: target.id }, data: { commandDriver: "compose-broken" } });
    const failing = await restart(target.slug);
    expect(failing).toMatchObject({ state: "failed", errorKind: "command_failed", error: expect.stringMatching(/failed \(exit 2\): compose: no such service: api/) });
  });

  it("show people a bounded tail of the output with the console's secrets, URL passwords and tokens masked", async () => {
    const { target } = await targetWithDriver("leaky");
    const action = await restart(target.slug);
    expect(action).toMatchObject({ state: "failed", errorKind: "command_failed" });
    const shown = action.error!.slice(action.error!.indexOf("(exit 3): ") + "(exit 3): ".length);
    expect(Buffer.byteLength(shown)).toBeLessThanOrEqual(2048 + 3);
    expect(shown).toMatch(/^…x+\nAuthorization: Bearer \*\*\*\*\nPGPASSWORD=\*\*\*\* psql\nlast line$/);

    const viewer = await listTargetActions({ slug: target.slug, user: users.viewer });
    const audit = await auditRowsFor({ remediationId: action.id });
    for (const text of [JSON.stringify(viewer), JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? String(v) : v)), JSON.stringify(action)]) {
      expect(text).not.toContain(authSecret);
      expect(text).not.toContain(dbPassword);
      expect(text).not.toContain("abc.DEF-123456789");
    }
    expect(audit.at(-1)).toMatchObject({ type: "remediation.finished", outcome: "failed" });
  });

  it("refuse to run as root: without run_as_user on a root console, or with a user whose uid is 0; audited as failed", async () => {
    for (const name of ["as-root", "named-root"]) {
      const { server, target } = await targetWithDriver(name);
      const before = (await simulatorState(server.url)).instance_id;
      const action = await restart(target.slug);
      expect(action).toMatchObject({ state: "failed", errorKind: "runs_as_root", error: expect.stringMatching(/^Refused to run restart driver ".*" as (root|"root")/) });
      expect(existsSync(marker)).toBe(false);
      expect((await simulatorState(server.url)).instance_id).toBe(before);
      const finished = (await auditRowsFor({ remediationId: action.id })).at(-1);
      expect(finished).toMatchObject({ type: "remediation.finished", outcome: "failed", error: expect.stringMatching(/Refused to run restart driver/) });
    }
  });

  it("fail in words when the driver a target names is gone from the file, or the file is broken", async () => {
    const { target } = await targetWithDriver("node-restart");
    writeDriversFile(drivers.filter((d) => d.name !== "node-restart"));
    expect(await restart(target.slug)).toMatchObject({ state: "failed", errorKind: "not_configured", error: expect.stringMatching(/"node-restart" is not in HEADROOM_RESTART_DRIVERS_FILE/) });
    writeDriversFile('{"drivers": [{"name": "x", "rolling": [], "emergency": ["/bin/true"]}]}');
    expect(await restart(target.slug)).toMatchObject({ state: "failed", error: expect.stringMatching(/drivers\.0\.rolling: needs at least the program/) });
    writeDriversFile(drivers);
  });
});
