import "server-only";
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { promisify } from "node:util";
import { DriverError } from "@/lib/remediation/drivers/driver-error";
import { driverSecrets, presentOutput } from "@/lib/remediation/drivers/scrub-output";

/** What a driver command starts with, whatever the console's own PATH holds. */
export const DRIVER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** Raw output kept per stream while the command runs: enough for the shown tail, bounded in memory. */
const CAPTURE_BYTES = 64 * 1024;
const KILL_GRACE_MS = 5_000;

export type DriverIdentity = { user: string; uid: number; gid: number; home: string };
export type DriverCommand = {
  driver: string;
  argv: string[];
  runAsUser: string | null;
  cwd: string | null;
  /** The driver's declared variables and Headroom's HEADROOM_*: nothing else of the console's. */
  env: Record<string, string>;
  timeoutMs: number;
};

/**
 * Who a command runs as: the configured user from the passwd database (getent, so directory
 * users work too), or the console's own user when it is not root. Never root: a driver without
 * `run_as_user` on a console running as root is refused, and so is a user whose uid is 0.
 */
export async function resolveDriverIdentity(driver: string, runAsUser: string | null): Promise<DriverIdentity | null> {
  const self = userInfo();
  if (!runAsUser) {
    if (self.uid === 0) {
      throw new DriverError("runs_as_root", `Refused to run restart driver "${driver}" as root: the console runs as root, so the driver needs run_as_user in HEADROOM_RESTART_DRIVERS_FILE.`);
    }
    return null;
  }
  const entry = await promisify(execFile)("getent", ["passwd", runAsUser]).then(
    ({ stdout }) => stdout.trim().split(":"),
    () => null,
  );
  if (!entry || entry.length < 7) throw new DriverError("not_configured", `Restart driver "${driver}" runs as user "${runAsUser}", which this host does not know (getent passwd).`);
  const [user, , uid, gid, , home] = entry;
  if (Number(uid) === 0) throw new DriverError("runs_as_root", `Refused to run restart driver "${driver}" as "${user}": its uid is 0. Configure an unprivileged user.`);
  return { user, uid: Number(uid), gid: Number(gid), home };
}

/** Runs a configured driver command without a shell, as its unprivileged user, with an explicit environment. */
export async function runDriverCommand(command: DriverCommand): Promise<string> {
  const identity = await resolveDriverIdentity(command.driver, command.runAsUser);
  const home = identity?.home ?? userInfo().homedir;
  const env: Partial<NodeJS.ProcessEnv> = { PATH: DRIVER_PATH, HOME: home, LANG: "C.UTF-8", ...command.env };
  const cwd = command.cwd ?? (existsSync(home) ? home : "/");
  const secrets = driverSecrets(command.env);
  const shown = (text: string) => presentOutput(text, secrets);
  const [program, ...args] = command.argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: env as NodeJS.ProcessEnv,
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      ...(identity && identity.uid !== process.getuid?.() ? { uid: identity.uid, gid: identity.gid } : {}),
    });
    const stdout = capture(child.stdout);
    const stderr = capture(child.stderr);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS).unref();
    }, command.timeoutMs);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const as = identity ? ` as ${identity.user}` : "";
      if (error.code === "ENOENT") return reject(new DriverError("command_failed", `The restart command ${program} was not found.`));
      reject(new DriverError("command_failed", `The restart command ${program} could not be started${as}: ${error.code ?? error.message}.`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(new DriverError("timeout", `${program} did not finish within ${Math.round(command.timeoutMs / 1000)} s and was stopped.`));
      const out = shown(stdout());
      if (code === 0) return resolve(`exit 0${out ? `: ${out}` : ""}`);
      const detail = shown(stderr()) || out || (signal ? `killed by ${signal}` : "no output");
      reject(new DriverError("command_failed", `${shown(command.argv.join(" "))} failed (exit ${code ?? signal}): ${detail}`));
    });
  });
}

function capture(stream: NodeJS.ReadableStream): () => string {
  let kept = Buffer.alloc(0);
  stream.on("data", (chunk: Buffer) => {
    kept = Buffer.concat([kept, chunk]);
    if (kept.length > CAPTURE_BYTES) kept = kept.subarray(kept.length - CAPTURE_BYTES);
  });
  return () => kept.toString("utf8");
}
