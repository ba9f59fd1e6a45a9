import { spawn, type ChildProcess } from "node:child_process";

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null> };

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

/** Starts a child in its own process group so that stopping it stops its children too. */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", prefixLines(name, process.stdout));
  child.stderr?.on("data", prefixLines(name, process.stderr));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, process: child, exited };
}

export async function stopChild(child: Child, graceMs = 8_000): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

export async function runToCompletion(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = startChild(name, command, args, env);
  const code = await child.exited;
  if (code !== 0) throw new Error(`${name} failed with exit code ${code}`);
}
