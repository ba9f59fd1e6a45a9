import { spawn, type ChildProcess } from "node:child_process";

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null; error?: string };

/** What the supervisor keeps of anything it started: a child below, or the embedded PostgreSQL. */
export type RunningProcess = { pid: number | undefined; exited: Promise<ExitStatus>; stop(): Promise<void> };

export type Child = RunningProcess & { name: string; process: ChildProcess };

const COLORS: Record<string, string> = { web: "36", worker: "35", target: "33", build: "34" };

function prefixLines(name: string, stream: NodeJS.WritableStream) {
  const prefix = `\x1b[${COLORS[name] ?? "37"}m${name.padEnd(6)}\x1b[0m | `;
  let pending = "";
  return (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) stream.write(`${prefix}${line}\n`);
  };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the whole group is gone already
  }
}

export function describeExit(status: ExitStatus): string {
  if (status.error) return `could not start (${status.error})`;
  if (status.signal) return `was killed by ${status.signal}`;
  return `exited with code ${status.code}`;
}

/**
 * Starts a child in its own process group so that stopping it stops its children too. When
 * the child dies on its own (kill -9), what it started (tsx's node, esbuild) is killed with it:
 * an orphaned worker would keep scraping, an orphaned web server would keep the port.
 */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", prefixLines(name, process.stdout));
  child.stderr?.on("data", prefixLines(name, process.stderr));
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once("exit", (code, signal) => {
      signalGroup(child.pid, "SIGKILL");
      resolve({ code, signal });
    });
  });
  return { name, process: child, pid: child.pid, exited, stop: () => stopChild({ process: child, exited }) };
}

export async function stopChild(child: { process: ChildProcess; exited: Promise<unknown> }, graceMs = 8_000): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  signalGroup(proc.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(proc.pid, "SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

export async function runToCompletion(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const status = await startChild(name, command, args, env).exited;
  if (status.code !== 0) throw new Error(`${name} ${describeExit(status)}`);
}
