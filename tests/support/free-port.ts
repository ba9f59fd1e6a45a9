import { execFileSync } from "node:child_process";
// One implementation, the supervisor's (relative: Playwright's config loads this file too).
export { freePort } from "../../supervisor/free-port";

/**
 * `count` consecutive free ports, found synchronously (Playwright's config cannot await).
 * Consecutive because the demo simulators use TARGET_PORT, +1 and +2.
 */
export function freePortRangeSync(count: number): number {
  const script = `
    const net = require("node:net");
    const tryBase = (base) => new Promise((resolve) => {
      const servers = [];
      const next = (i) => {
        if (i === ${count}) { servers.forEach((s) => s.close()); return resolve(true); }
        const s = net.createServer().once("error", () => { servers.forEach((x) => x.close()); resolve(false); });
        s.listen(base + i, "127.0.0.1", () => { servers.push(s); next(i + 1); });
      };
      next(0);
    });
    (async () => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const base = 20000 + Math.floor(Math.random() * 40000);
        if (await tryBase(base)) { process.stdout.write(String(base)); return; }
      }
      process.exit(1);
    })();`;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}
