import path from "node:path";
import { randomBytes } from "node:crypto";
import { runBenchChild, startBenchChild } from "@/bench/bench-child";
import { stopChild } from "@/supervisor/children";
import { freePort } from "@/tests/support/free-port";

export type HeadroomWeb = { url: string; pid: number; secret: string; close(): Promise<void> };

const next = path.resolve("node_modules/.bin/next");
const tsx = path.resolve("node_modules/.bin/tsx");
const nextScript = path.resolve("node_modules/next/dist/bin/next");

/** `next build` as a newcomer's first start runs it; returns the wall time in seconds. */
export async function buildWeb(): Promise<number> {
  const start = performance.now();
  await runBenchChild("build", next, ["build"], { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  return Math.round((performance.now() - start) / 100) / 10;
}

async function waitHealthy(url: string, exited: () => boolean) {
  for (let i = 0; i < 300; i++) {
    if (exited()) throw new Error("next start exited during start-up");
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

/**
 * The production web server as `npm start` runs it (supervisor/web-server.ts in front of Next)
 * against the bench database, outside demo mode. `nodeArgs` (e.g. `--cpu-prof`) go to its Node
 * process, for profiling a bench's requests. `plainNext`: `next start` alone, which serves every
 * request through Next (what the series API cost before web-server.ts answered it directly).
 */
export async function startWeb(options: { databaseUrl: string; nodeArgs?: string[]; plainNext?: boolean }): Promise<HeadroomWeb> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString("base64");
  const [command, args] = options.plainNext
    ? [process.execPath, [...(options.nodeArgs ?? []), nextScript, "start", "-p", String(port), "-H", "127.0.0.1"]]
    : [tsx, [...(options.nodeArgs ?? []), "supervisor/web-server.ts"]];
  const child = startBenchChild(options.plainNext ? "next-start" : "web", command, args, {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    HEADROOM_DEMO: "0",
    NEXTAUTH_SECRET: secret,
    // The bench's own key when it writes audit rows the web server must verify.
    HEADROOM_AUDIT_KEY: process.env.HEADROOM_AUDIT_KEY ?? randomBytes(32).toString("base64"),
    NEXTAUTH_URL: url,
    PORT: String(port),
  });
  let exited = false;
  void child.exited.then(() => (exited = true));
  await waitHealthy(url, () => exited);
  return { url, pid: child.process.pid!, secret, close: () => stopChild(child) };
}
