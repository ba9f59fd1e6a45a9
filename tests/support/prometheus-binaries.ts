import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/tests/support/free-port";

// Debian's packages (.ci/run installs them): fail loudly when missing rather than skip.
const NODE_EXPORTER = process.env.NODE_EXPORTER_PATH ?? "/usr/bin/prometheus-node-exporter";
const PROMETHEUS = process.env.PROMETHEUS_PATH ?? "/usr/bin/prometheus";

export type RunningBinary = { url: string; port: number; stop: () => Promise<void> };

function requireBinary(binary: string, pkg: string): void {
  if (spawnSync(binary, ["--version"]).status !== 0) throw new Error(`${binary} not found: apt-get install -y ${pkg}`);
}

async function waitFor(url: string, child: ChildProcess, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not answer ${url} within 20 s: ${log()}`);
}

function run(binary: string, args: string[], cleanup: () => void): { child: ChildProcess; log: () => string; stop: () => Promise<void> } {
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => (cleanup(), resolve());
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", done);
      child.kill("SIGTERM");
    });
  return { child, log: () => stderr, stop };
}

/** A real node_exporter on loopback with only the meminfo collector (what the node-exporter preset reads). */
export async function startNodeExporter(): Promise<RunningBinary> {
  requireBinary(NODE_EXPORTER, "prometheus-node-exporter");
  const port = await freePort();
  const { child, log, stop } = run(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`, "--collector.disable-defaults", "--collector.meminfo"], () => {});
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitFor(url, child, "node_exporter", log);
  return { url, port, stop };
}

/** A real Prometheus server on loopback with the given configuration (YAML), its TSDB in a temporary directory. */
export async function startPrometheus(config: string): Promise<RunningBinary> {
  requireBinary(PROMETHEUS, "prometheus");
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "headroom-prometheus-"));
  writeFileSync(path.join(dir, "prometheus.yml"), config);
  const { child, log, stop } = run(
    PROMETHEUS,
    [`--config.file=${path.join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/-/ready`, child, "prometheus", log);
  return { url, port, stop };
}

/** MemTotal and MemAvailable from /proc/meminfo, in MB: what `free -h` reads. */
export function readProcMeminfo(): { totalMb: number; availableMb: number } {
  const text = spawnSync("cat", ["/proc/meminfo"], { encoding: "utf8" }).stdout;
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)![1]);
  return { totalMb: kb("MemTotal") / 1024, availableMb: kb("MemAvailable") / 1024 };
}

export const writeTempFile = (dir: string, name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
