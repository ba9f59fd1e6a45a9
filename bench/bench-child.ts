import { spawn } from "node:child_process";
import type { Child } from "@/supervisor/children";

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
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, process: child, exited };
}

export async function runBenchChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const code = await startBenchChild(name, command, args, env).exited;
  if (code !== 0) throw new Error(`${name} failed with exit code ${code}`);
}
