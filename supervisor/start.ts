// `npm start`: the whole console from one command. Database (embedded unless DATABASE_URL),
// migrations, demo seed, demo targets, worker and web; a process that dies is restarted with
// backoff (supervisor/supervise.ts); one Ctrl-C stops every child.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { ConfigError, isDemoMode, parseEnv, type Env } from "@/lib/env";
import { readCommandDrivers } from "@/lib/remediation/drivers/command-drivers-file";
import { createDbClient } from "@/lib/db";
import { startDemoInbox } from "@/supervisor/demo-inbox";
import { pointDemoInbox, seedDemo, upsertSelfTargets } from "@/supervisor/seed-demo";
import { dataDirSecret } from "@/supervisor/data-dir-secret";
import { demoSelfTargets, demoSimulators } from "@/supervisor/demo-targets";
import { freePort } from "@/supervisor/free-port";
import { prepareDatabase, type PreparedDatabase } from "@/supervisor/prepare-database";
import { runToCompletion, startChild, type RunningProcess } from "@/supervisor/children";
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from "@/supervisor/restart-policy";
import { supervise, type Supervised } from "@/supervisor/supervise";

const log = (line: string) => console.log(`\x1b[1mheadroom\x1b[0m | ${line}`);
const bin = (name: string) => path.resolve("node_modules/.bin", name);

function fail(message: string): never {
  console.error(`\nheadroom: ${message}\n`);
  process.exit(1);
}

function loadConfig(): Env {
  try {
    const env = parseEnv(process.env);
    // A bad drivers file stops the start here, naming the field, rather than at the first restart.
    const drivers = readCommandDrivers(env.HEADROOM_RESTART_DRIVERS_FILE);
    if (!drivers.ok) fail(`Invalid configuration:\n  ${drivers.message}`);
    return env;
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the web server did not become healthy within ${timeoutMs / 1000} s`);
}

/**
 * A terminal or pipe that went away makes every later log line fail with EPIPE (EIO for a hung-up
 * tty). Unhandled, that error kills the supervisor in the middle of its shutdown and leaves
 * PostgreSQL running on the data directory; the lines are lost either way.
 */
function surviveClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "EIO") throw error;
    });
  }
}

async function main() {
  surviveClosedOutput();
  const env = loadConfig();
  const demo = isDemoMode(env);
  const dataDir = path.resolve(env.HEADROOM_DATA_DIR);
  const secret = env.NEXTAUTH_SECRET ?? (demo ? dataDirSecret(dataDir, "nextauth-secret", 32) : undefined);
  if (!secret) fail("NEXTAUTH_SECRET is not set. Outside demo mode sign-in needs it: export NEXTAUTH_SECRET=$(openssl rand -base64 32)");
  const demoPassword = demo ? (env.DEMO_PASSWORD ?? dataDirSecret(dataDir, "demo-password", 9)) : undefined;
  // The audit chain's key lives outside the database, like the other secrets (decision 0011).
  const auditKey = env.HEADROOM_AUDIT_KEY ?? (demo ? dataDirSecret(dataDir, "audit-key", 32) : undefined);
  if (!auditKey) fail("HEADROOM_AUDIT_KEY is not set. Outside demo mode the audit trail needs it: export HEADROOM_AUDIT_KEY=$(openssl rand -base64 32), and keep it");
  const audit = { key: auditKey, anchorFile: env.HEADROOM_AUDIT_ANCHOR_FILE ?? path.join(dataDir, "audit-anchor.json") };

  const children: Supervised[] = [];
  let database: PreparedDatabase | null = null;
  let postgres: Supervised | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await Promise.all(children.map((c) => c.stop()));
    // Last: the worker writes its scrapes in flight while it stops.
    await (postgres ? postgres.stop() : database?.embedded?.stop());
    if (env.HEADROOM_EPHEMERAL_DATA) {
      if (database?.embedded) rmSync(database.embedded.clusterDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, maxCrashes: env.HEADROOM_MAX_CRASHES, windowMs: env.HEADROOM_CRASH_WINDOW_SECONDS * 1000 };
  const keepRunning = (name: string, start: () => RunningProcess | Promise<RunningProcess>, first?: RunningProcess) => {
    if (first) log(`${name} started (pid ${first.pid ?? "?"})`);
    return supervise({
      name,
      start,
      first,
      policy,
      log,
      shouldRestart: () => !stopping,
      onGiveUp: (reason) => {
        if (stopping) return;
        log(`${reason}; stopping everything`);
        void shutdown(1);
      },
    });
  };

  try {
    database = await prepareDatabase({ env, log });
  } catch (error) {
    fail((error as Error).message);
  }
  if (database.embedded && database.startAgain) postgres = keepRunning("postgres", database.startAgain, database.embedded);
  const run: StartContext["run"] = ({ name, prefix, command, args, childEnv }) => {
    const start = () => startChild(prefix ?? name, command, args, childEnv);
    const supervised = keepRunning(name, start, start());
    children.push(supervised);
    return supervised;
  };
  try {
    await startEverything({ env, demo, database, secret, audit, demoPassword, run });
  } catch (error) {
    log(`start failed: ${(error as Error).message}`);
    await shutdown(1);
    return;
  }
  const lines = [`Headroom is up: http://localhost:${env.PORT}`];
  if (demo) {
    lines.push("Demo mode (embedded PostgreSQL, simulated targets). Sign in as:");
    lines.push("  viewer@headroom.local · oncall@headroom.local (responder) · lead@headroom.local · admin@headroom.local");
    lines.push(`  password: ${demoPassword}`);
  }
  lines.push("Press Ctrl-C to stop.");
  log(`\n\n  ${lines.join("\n  ")}\n`);
}

type StartContext = {
  env: Env;
  demo: boolean;
  database: PreparedDatabase;
  secret: string;
  audit: { key: string; anchorFile: string };
  demoPassword: string | undefined;
  /** Starts a child that is restarted if it dies; its output lines start with `prefix` (default: name). */
  run: (child: { name: string; prefix?: string; command: string; args: string[]; childEnv: NodeJS.ProcessEnv }) => Supervised;
};

/** Everything after the database: seed, build, simulators, worker and web, then wait for health. */
async function startEverything(ctx: StartContext): Promise<void> {
  const { env, demo } = ctx;
  const simulators = demo ? demoSimulators(env.TARGET_PORT) : [];
  // The worker's own metrics: in demo mode Headroom watches its worker there (a free port unless set).
  const workerMetricsPort = env.HEADROOM_WORKER_METRICS_PORT ?? (demo ? await freePort() : undefined);
  if (demo) {
    const db = createDbClient(ctx.database.url);
    // The simulators have no PostgreSQL of their own: in the demo the console's embedded one
    // stands in as the leaking service's database, so the connections panel has something real.
    const targets = simulators.map((sim) => (sim.scenario === "leak" ? { ...sim, diagnosticsDatabaseUrl: ctx.database.monitorUrl } : sim));
    // Notifications have somewhere to go from the first minute: the terminal, as `inbox | …` lines.
    const inbox = await startDemoInbox({ log: (line) => console.log(`\x1b[32minbox \x1b[0m | ${line}`) });
    const seeded = await seedDemo({ db, password: ctx.demoPassword!, targets, scrapeIntervalSeconds: env.DEMO_SCRAPE_INTERVAL_SECONDS, inboxUrl: inbox.url });
    if (!seeded) await pointDemoInbox({ db, inboxUrl: inbox.url });
    await upsertSelfTargets({ db, targets: demoSelfTargets({ webPort: env.PORT, workerMetricsPort: workerMetricsPort! }) });
    await db.$disconnect();
    if (seeded) log("seeded demo users and targets");
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: ctx.database.appUrl,
    NEXTAUTH_SECRET: ctx.secret,
    HEADROOM_AUDIT_KEY: ctx.audit.key,
    HEADROOM_AUDIT_ANCHOR_FILE: ctx.audit.anchorFile,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    HEADROOM_DEMO: demo ? "1" : "0",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...(workerMetricsPort ? { HEADROOM_WORKER_METRICS_PORT: String(workerMetricsPort) } : {}),
  };
  if (!existsSync(".next/BUILD_ID")) {
    log("no production build yet: running next build (once)…");
    await runToCompletion("build", bin("next"), ["build"], childEnv);
  }
  for (const sim of simulators) {
    const args = ["simulator/main.ts", "--scenario", sim.scenario, "--port", String(sim.port), "--seed", String(sim.seed)];
    if (sim.onset) args.push("--onset", sim.onset);
    if (env.DEMO_PEAK_HOUR_UTC !== undefined) args.push("--peak-hour", String(env.DEMO_PEAK_HOUR_UTC));
    ctx.run({ name: `simulator ${sim.slug}`, prefix: "simulator", command: bin("tsx"), args, childEnv });
  }
  // The worker backfills demo history from the simulators on its first scrape: wait for them.
  await Promise.all(simulators.map((sim) => waitForHttp(`${sim.baseUrl}/api/v1/monitoring/memory`, 30_000)));
  // react-server: lib/ modules marked `server-only` load in the worker as they do in Next.
  // Node with tsx's loader rather than the tsx CLI: one process, so the SIGHUP below reaches the
  // worker itself (the CLI relays only SIGINT and SIGTERM to its child and would die of a SIGHUP).
  const worker = ctx.run({ name: "worker", command: process.execPath, args: ["--conditions=react-server", "--import", "tsx", "worker/main.ts"], childEnv });
  // `kill -HUP <npm start>` re-applies the provisioning file, as SIGHUP to the worker does.
  if (env.HEADROOM_TARGETS_FILE) {
    process.on("SIGHUP", () => {
      const pid = worker.current()?.pid;
      if (pid) process.kill(pid, "SIGHUP");
    });
  }
  // Not `next start`: web-server.ts passes the socket's peer address on to proxy.ts.
  ctx.run({ name: "web", command: bin("tsx"), args: ["supervisor/web-server.ts"], childEnv: { ...childEnv, PORT: String(env.PORT) } });
  await waitForHealth(`http://127.0.0.1:${env.PORT}/api/health`, 60_000);
}

main().catch((error) => fail((error as Error).stack ?? String(error)));
