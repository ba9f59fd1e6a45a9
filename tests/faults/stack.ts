import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { freePortRangeSync } from "@/tests/support/free-port";

export type LogLine = { at: number; text: string };

export type Stack = {
  baseUrl: string;
  dataDir: string;
  pgPort: number;
  databaseUrl: string;
  lines: LogLine[];
  /** The pid the supervisor last logged for `name` ("worker", "web", "postgres"). */
  pidOf(name: string): number;
  /** The process doing the work: tsx runs node as its child; next-server and postgres are their own. */
  innermostPid(name: string): number;
  healthy(): Promise<boolean>;
  waitForLine(pattern: RegExp, after: number, timeoutMs: number): Promise<LogLine>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Ctrl-C as a terminal sends it (the supervisor's process group); resolves with the time it took. */
  stop(): Promise<{ ms: number; code: number | null }>;
  /** Closes the pipes the supervisor logs to, as a terminal that went away does; its later lines are lost. */
  closeOutput(): void;
};

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** npm start on free ports and a fresh data directory, demo mode, every target scraped every 5 s. */
export async function startStack(extraEnv: Record<string, string>): Promise<Stack> {
  const port = freePortRangeSync(5);
  const dataDir = path.resolve(`.data/faults-${port}`);
  const lines: LogLine[] = [];
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["supervisor/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      HEADROOM_DATA_DIR: dataDir,
      HEADROOM_EPHEMERAL_DATA: "1",
      PORT: String(port),
      HEADROOM_PG_PORT: String(port + 1),
      TARGET_PORT: String(port + 2),
      NEXTAUTH_URL: `http://localhost:${port}`,
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "",
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
  });
  let pending = "";
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const text of parts) lines.push({ at: Date.now(), text: strip(text) });
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const healthy = () => fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
  const deadline = Date.now() + 180_000;
  while (!(await healthy())) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the stack did not start:\n${lines.map((l) => l.text).slice(-40).join("\n")}`);
    await sleep(500);
  }
  const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port + 1}/headroom`;

  const pidOf = (name: string) => {
    const pattern = new RegExp(`^headroom \\| ${name} (?:started|restarted) \\(pid (\\d+)\\)`);
    const line = [...lines].reverse().find((l) => pattern.test(l.text));
    if (!line) throw new Error(`no pid logged for ${name}`);
    return Number(pattern.exec(line.text)![1]);
  };
  return {
    baseUrl,
    dataDir,
    pgPort: port + 1,
    databaseUrl,
    lines,
    pidOf,
    innermostPid(name) {
      const pid = pidOf(name);
      const worker = childrenOf(pid).find((c) => !readFileSync(`/proc/${c}/cmdline`, "utf8").includes("esbuild"));
      return worker ?? pid;
    },
    healthy,
    async waitForLine(pattern, after, timeoutMs) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find((l) => l.at >= after && pattern.test(l.text));
        if (found) return found;
        if (Date.now() > end) throw new Error(`no log line ${pattern} within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async query(sql, params = []) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    closeOutput() {
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
    async stop() {
      const started = Date.now();
      if (child.exitCode === null) process.kill(-child.pid!, "SIGINT");
      const code = await exited;
      return { ms: Date.now() - started, code };
    },
  };
}
