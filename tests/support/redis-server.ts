import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "@/tests/support/free-port";
import { createTestCertificate, type TestCertificate } from "@/tests/support/tls-certificate";

export type RedisServerOptions = {
  /** Password of the `default` user; `cli` authenticates with it. */
  password?: string;
  /** ACL users, each as redis.conf's rules: ["cleaner", "on", ">secret", "~exp:*", "+scan"]. */
  users?: string[][];
  /** Serve TLS only, with a certificate for 127.0.0.1 signed by a throwaway CA (`caFile`). */
  tls?: boolean;
};

export type RedisServer = {
  /** redis:// (or rediss://) URL of database 0 with `credentials` ("user:password") if given. */
  url: (credentials?: string) => string;
  port: number;
  caFile: string | null;
  cli: (...args: string[]) => string;
  stop: () => Promise<void>;
};

/**
 * A real redis-server on loopback, nothing persisted. Debian's package: apt-get install -y redis-server
 * (.ci/run installs it). Fails loudly when the binary is missing rather than skipping the test.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = process.env.REDIS_SERVER_PATH ?? "redis-server";
  if (spawnSync(binary, ["--version"]).status !== 0) {
    throw new Error(`${binary} not found: install it (apt-get install -y redis-server) or set REDIS_SERVER_PATH`);
  }
  const port = await freePort();
  const certificate: TestCertificate | null = options.tls ? createTestCertificate() : null;
  const listen = certificate
    ? ["--port", "0", "--tls-port", String(port), "--tls-cert-file", certificate.certFile, "--tls-key-file", certificate.keyFile, "--tls-ca-cert-file", certificate.caFile, "--tls-auth-clients", "no"]
    : ["--port", String(port)];
  const auth = [...(options.password ? ["--requirepass", options.password] : []), ...(options.users ?? []).flatMap((rules) => ["--user", ...rules])];
  const child: ChildProcess = spawn(binary, [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", ...auth], { stdio: "ignore" });
  const cliArgs = [
    "-p", String(port),
    ...(certificate ? ["--tls", "--cacert", certificate.caFile] : []),
    ...(options.password ? ["-a", options.password, "--no-auth-warning"] : []),
  ];
  const cli = (...args: string[]) => {
    const result = spawnSync("redis-cli", [...cliArgs, ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`redis-cli ${args.join(" ")}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ping = spawnSync("redis-cli", [...cliArgs, "PING"], { encoding: "utf8" });
    if (ping.stdout.trim() === "PONG") break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: (credentials) => `${certificate ? "rediss" : "redis"}://${credentials ? `${credentials}@` : ""}127.0.0.1:${port}/0`,
    port,
    caFile: certificate?.caFile ?? null,
    cli,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          certificate?.remove();
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
