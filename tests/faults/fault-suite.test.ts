import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHostileTarget, type HostileTarget } from "@/tests/faults/hostile-target";
import { holdPort, signIn } from "@/tests/faults/http-helpers";
import { HEALTHY_TARGETS, accountSamples, createReport, sampleTimes, scrapeGaps } from "@/tests/faults/measure";
import { isAlive, startStack, type Stack } from "@/tests/faults/stack";

// The whole stack as `npm start` runs it (supervisor, embedded PostgreSQL, worker, web, three
// demo simulators scraped every 5 s) beside a hostile target; then kill -9 of the worker, the
// web server and PostgreSQL (held down 40 s), one after another. Figures are printed as JSON
// lines (kept in test-results/faults.jsonl, the stack's own log in faults-stack.log); the
// requirements are asserted.
const INTERVAL_MS = 5_000;
const PASSWORD = "fault-suite-password";
const PG_HOLD_MS = 40_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const report = createReport();
let stack: Stack;
let hostile: HostileTarget;
const pids = new Set<number>();

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
  return Date.now();
}

/** When every healthy target has a sample stored after `after`. */
const newSamplesAfter = (after: number) => async () => {
  const rows = await stack.query<{ n: string }>(
    `SELECT count(DISTINCT t.slug) AS n FROM metrics m JOIN targets t ON t.id = m.target_id
     WHERE m.metric_name = 'system.memory.used' AND m.labels = '' AND m."timestamp" > $1 AND t.slug = ANY($2)`,
    [new Date(after), HEALTHY_TARGETS],
  );
  return Number(rows[0].n) === HEALTHY_TARGETS.length;
};

async function accountFault(fault: string, from: number, to: number) {
  const perTarget = [];
  for (const slug of HEALTHY_TARGETS) {
    const figures = accountSamples(await sampleTimes(stack, slug, from, to), from, to, INTERVAL_MS);
    report.add({ fault, target: slug, window_s: Math.round((to - from) / 1000), ...figures });
    perTarget.push(figures);
  }
  return perTarget;
}

beforeAll(async () => {
  hostile = await startHostileTarget();
  stack = await startStack({
    DEMO_PASSWORD: PASSWORD,
    DEMO_SCRAPE_INTERVAL_SECONDS: String(INTERVAL_MS / 1000),
    WORKER_TICK_MS: "500",
    // An hour of demo history instead of a day: the faults need live samples, not charts.
    DEMO_BACKFILL_HOURS: "1",
    // The PostgreSQL hold makes its restarts fail on purpose (every 1, 2, 4, 8, 10 s): allow them.
    HEADROOM_MAX_CRASHES: "12",
  });
  await stack.query(
    `INSERT INTO targets (slug, name, base_url, scrape_interval_seconds, last_sample_at) VALUES ('hostile', 'Hostile target', $1, 5, now())`,
    [hostile.url],
  );
  // The first scrape of each demo target backfills its history; live scrapes follow.
  const started = Date.now();
  await waitUntil("live samples of every healthy target", newSamplesAfter(started), 150_000);
  for (const name of ["worker", "web", "postgres", ...HEALTHY_TARGETS.map((slug) => `simulator ${slug}`)]) pids.add(stack.pidOf(name));
}, 300_000);

afterAll(async () => {
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/faults.jsonl", report.figures.map((f) => JSON.stringify(f)).join("\n") + "\n");
  if (stack) writeFileSync("test-results/faults-stack.log", stack.lines.map((l) => `${new Date(l.at).toISOString()} ${l.text}`).join("\n") + "\n");
  await hostile?.close();
  await stack?.stop(); // already stopped by the last test unless an earlier step failed
});

describe("fault suite", () => {
  it("survives kill -9 of the worker, the web server and PostgreSQL without losing samples to the outage", async () => {
    expect((await signIn(stack.baseUrl, "lead@headroom.local", PASSWORD)).error).toBeNull();
    expect((await signIn(stack.baseUrl, "lead@headroom.local", "wrong password")).error).toBe("CredentialsSignin");
    const baselineFrom = Date.now();
    await sleep(20_000);
    // The healthy targets' interval beside the hostile one, before any fault.
    for (const slug of [...HEALTHY_TARGETS, "hostile"]) report.add({ interval: slug, window: "baseline", ...(await scrapeGaps(stack, slug, baselineFrom, Date.now())) });

    // 1. The worker: the node process tsx runs, as `ps` shows it.
    let killedAt = Date.now();
    process.kill(stack.innermostPid("worker"), "SIGKILL");
    const workerBack = await stack.waitForLine(/^headroom \| worker restarted/, killedAt, 30_000);
    const workerUp = await stack.waitForLine(/^worker +\| worker started/, workerBack.at, 60_000);
    const workerSample = await waitUntil("a sample after the worker restart", newSamplesAfter(workerBack.at), 60_000);
    report.add({ fault: "worker", restarted_ms: workerBack.at - killedAt, loops_running_ms: workerUp.at - killedAt, new_sample_ms: workerSample - killedAt, health_ok: await stack.healthy() });
    expect((await signIn(stack.baseUrl, "oncall@headroom.local", PASSWORD)).error).toBeNull(); // audited across the fault
    await sleep(10_000);
    await accountFault("worker", killedAt - 10_000, Date.now());
    pids.add(stack.pidOf("worker"));

    // 2. The web server: health comes back; collection never stopped.
    killedAt = Date.now();
    process.kill(stack.pidOf("web"), "SIGKILL"); // next-server is one process
    const webBack = await waitUntil("health after the web restart", stack.healthy, 60_000);
    const webSample = await waitUntil("a sample after the web restart", newSamplesAfter(webBack), 30_000);
    report.add({ fault: "web", health_ok_ms: webBack - killedAt, new_sample_ms: webSample - killedAt });
    expect((await signIn(stack.baseUrl, "viewer@headroom.local", PASSWORD)).error).toBeNull();
    await sleep(5_000);
    for (const f of await accountFault("web", killedAt - 10_000, Date.now())) expect(f.lost).toBe(0);
    pids.add(stack.pidOf("web"));

    // 3. PostgreSQL: kill -9, held down 40 s, then let the supervisor bring it back.
    killedAt = Date.now();
    process.kill(stack.pidOf("postgres"), "SIGKILL");
    const hold = await holdPort(stack.pgPort);
    await sleep(10_000);
    const healthDuring = await fetch(`${stack.baseUrl}/api/health`).then((r) => r.status);
    const signInDuring = (await signIn(stack.baseUrl, "lead@headroom.local", PASSWORD)).error;
    await sleep(PG_HOLD_MS - (Date.now() - killedAt));
    const releasedAt = Date.now();
    await hold.release();
    const dbBack = await waitUntil("health after PostgreSQL is back", stack.healthy, 60_000);
    const pgRestarted = await stack.waitForLine(/^headroom \| postgres restarted/, releasedAt, 1_000);
    const flushed = await stack.waitForLine(/^worker +\| database back after/, releasedAt, 60_000);
    const dbSample = await waitUntil("a sample after PostgreSQL is back", newSamplesAfter(flushed.at), 30_000);
    // The loops run on their own cadences: once PostgreSQL is back, the alert loop may record a
    // rule's transition before the collector has written its buffer. That is work, not noise.
    const alertWork = (l: { at: number; text: string }) => l.at >= pgRestarted.at && /^worker +\| alert SEV-\d /.test(l.text);
    const workerLines = stack.lines.filter((l) => l.at >= killedAt && l.at <= flushed.at && /^worker +\|/.test(l.text) && !alertWork(l));
    report.add({
      fault: "postgres",
      outage_s: Math.round((dbBack - killedAt) / 1000),
      restarted_after_release_ms: pgRestarted.at - releasedAt,
      health_ok_after_release_ms: dbBack - releasedAt,
      new_sample_after_release_ms: dbSample - releasedAt,
      health_status_during: healthDuring,
      sign_in_error_during: signInDuring,
      worker_log_lines_during: workerLines.length,
      buffer: flushed.text.replace(/^worker +\| /, ""),
    });
    expect(healthDuring).toBe(503);
    expect(signInDuring).toBe("DatabaseUnavailable");
    // One line per loop when the outage starts and one when it ends: no stack traces, no line
    // per target or per tick, and no "back" before PostgreSQL is.
    expect(workerLines.map((l) => l.text).filter((t) => !/^worker +\| (worker loop \S+: )?database (unreachable|back after)/.test(t))).toEqual([]);
    // The worker names its loops when it starts: "worker started (collector, maintenance, …; tick 500 ms)".
    const started = stack.lines.find((l) => /^worker +\| worker started \(/.test(l.text));
    const loops = started ? /\(([^;]+);/.exec(started.text)![1].split(", ").length : 0;
    expect(loops).toBeGreaterThanOrEqual(7);
    expect(workerLines.length).toBeLessThanOrEqual(2 * loops + 1);
    expect(workerLines.filter((l) => /database back/.test(l.text) && l.at < pgRestarted.at)).toEqual([]);
    await sleep(10_000);
    for (const f of await accountFault("postgres", killedAt - 10_000, Date.now())) {
      expect(f.lost).toBe(0);
      expect(f.stored).toBeGreaterThanOrEqual(f.expected - 1);
    }
    pids.add(stack.pidOf("postgres"));

    // The audit chain, written across all three faults, still verifies.
    expect((await signIn(stack.baseUrl, "admin@headroom.local", PASSWORD)).error).toBeNull();
    process.env.DATABASE_URL = stack.databaseUrl;
    // The chain is keyed (decision 0011): verified with the key the demo stack generated.
    process.env.HEADROOM_AUDIT_KEY = readFileSync(path.join(stack.dataDir, "audit-key"), "utf8").trim();
    const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
    const chain = await verifyAuditChain();
    report.add({ check: "audit_chain", ...chain });
    expect(chain).toMatchObject({ ok: true });
    expect(chain.checked).toBeGreaterThanOrEqual(5);
    await (await import("@/lib/db")).db.$disconnect();

    // The same over the whole run, the faults' gaps included.
    const runTo = Date.now();
    for (const slug of [...HEALTHY_TARGETS, "hostile"]) report.add({ interval: slug, window: "whole run", ...(await scrapeGaps(stack, slug, baselineFrom, runTo)) });
    const [hostileRows] = await stack.query<{ series: string; rows: string }>(
      `SELECT count(DISTINCT (metric_name, labels)) AS series, count(*) AS rows FROM metrics m JOIN targets t ON t.id = m.target_id WHERE t.slug = 'hostile'`,
    );
    report.add({ hostile: hostile.scrapes(), stored_series: Number(hostileRows.series), stored_rows: Number(hostileRows.rows) });
  });

  // The terminal's output gone first (a closed ssh session, a dead pipe): each log line written
  // while stopping then fails, and must not stop the supervisor before it has stopped PostgreSQL.
  it("stops everything on Ctrl-C, quickly, even when the terminal's output has gone away", async () => {
    stack.closeOutput();
    const { ms, code } = await stack.stop();
    report.add({ check: "ctrl_c", stop_ms: ms, exit_code: code });
    expect(code).toBe(0);
    expect(ms).toBeLessThan(20_000);
    await sleep(500);
    expect([...pids].filter(isAlive)).toEqual([]);
  });
});
