import { rmSync } from "node:fs";
import path from "node:path";
import { startBenchChild } from "@/bench/bench-child";
import { describeExit, stopChild } from "@/supervisor/children";
import { freePortRangeSync } from "@/tests/support/free-port";

/**
 * What a newcomer's first `npm start` costs here: no build and no data directory, then the
 * supervisor (embedded PostgreSQL, migrations, demo seed, `next build`, simulators, worker, web)
 * until it prints "Headroom is up". The build's share is timed from the supervisor's own lines.
 */
export async function benchFirstStart(options: { log: (line: string) => void }) {
  rmSync(".next", { recursive: true, force: true });
  const base = freePortRangeSync(5);
  const dataDir = `.data/bench-first-start-${base}`;
  const started = performance.now();
  let buildStarted = 0;
  let buildEnded = 0;
  const child = startBenchChild("first-start", path.resolve("node_modules/.bin/tsx"), ["supervisor/start.ts"], {
    ...process.env,
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "",
    HEADROOM_DATA_DIR: dataDir,
    HEADROOM_EPHEMERAL_DATA: "1",
    PORT: String(base),
    HEADROOM_PG_PORT: String(base + 1),
    TARGET_PORT: String(base + 2),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.process.stdout!.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (!buildStarted && text.includes("running next build")) buildStarted = performance.now();
        // The supervisor prefixes the build's output "build |" (coloured); its last line ends the build.
        if (buildStarted && /build\s*(\x1b\[0m)?\s*\|/.test(text)) buildEnded = performance.now();
        if (text.includes("Headroom is up")) resolve();
      });
      void child.exited.then((status) => reject(new Error(`npm start ${describeExit(status)} before it was up`)));
    });
  } finally {
    await stopChild(child, 20_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const total = performance.now() - started;
  options.log(`first start took ${seconds(total)} s`);
  return {
    bench: "build",
    what: "first `npm start` on a fresh checkout (dependencies installed): until it prints \"Headroom is up\"",
    first_start_s: seconds(total),
    next_build_s: buildEnded ? seconds(buildEnded - buildStarted) : null,
  };
}
