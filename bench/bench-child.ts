import { spawn } from "node:child_process";
import { describeExit, stopChild, type Child, type ExitStatus } from "@/supervisor/children";

/**
 * A child process for a bench, in its own process group (stopChild stops its children too).
 * Its output goes to stderr, prefixed: stdout carries only the bench's JSON lines.
 */
export function startBenchChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let pending = "";
  const forward = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) process.stderr.write(`${name} | ${line}\n`);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { name, process: child, pid: child.pid, exited, stop: () => stopChild({ process: child, exited }) };
}

export async function runBenchChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const status = await startBenchChild(name, command, args, env).exited;
  if (status.code !== 0) throw new Error(`${name} failed: ${describeExit(status)}`);
}
