import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "@/tests/support/free-port";

/**
 * A real redis-server on loopback, nothing persisted. Debian's package: apt-get install -y redis-server
 * (.ci/run installs it). Fails loudly when the binary is missing rather than skipping the test.
 */
export async function startRedisServer(): Promise<{ url: string; port: number; cli: (...args: string[]) => string; stop: () => Promise<void> }> {
  const binary = process.env.REDIS_SERVER_PATH ?? "redis-server";
  if (spawnSync(binary, ["--version"]).status !== 0) {
    throw new Error(`${binary} not found: install it (apt-get install -y redis-server) or set REDIS_SERVER_PATH`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], { stdio: "ignore" });
  const cli = (...args: string[]) => {
    const result = spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`redis-cli ${args.join(" ")}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ping = spawnSync("redis-cli", ["-p", String(port), "PING"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    cli,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
