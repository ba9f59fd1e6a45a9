// `npm run bench`: one JSON object per line, {"bench": "<name>", ...figures}, all measured in
// this run on a fresh database (embedded PostgreSQL unless BENCH_DATABASE_URL is set). Child
// processes log to stderr, so stdout holds only the JSON lines.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import { openBenchDatabase } from "@/bench/bench-database";
import { parseBenchArgs } from "@/bench/bench-args";
import { buildWeb, startWeb, type HeadroomWeb } from "@/bench/headroom-web";

let args: ReturnType<typeof parseBenchArgs>;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { wanted } = args;
const print = (result: object) => console.log(JSON.stringify(result));
const log = (line: string) => console.error(`bench | ${line}`);

print({ bench: "machine", cpus: os.cpus().length, load_average_1m: os.loadavg()[0], node: process.version, at: new Date().toISOString() });
const database = await openBenchDatabase();
process.env.DATABASE_URL = database.url;
// One key for the audit rows the bench writes and the web server that verifies them.
process.env.HEADROOM_AUDIT_KEY ??= randomBytes(32).toString("base64");
// Imported after DATABASE_URL is set: lib/db reads it on first use.
const { db } = await import("@/lib/db");
const { benchIngest } = await import("@/bench/bench-ingest");
const { benchSeriesAndPage } = await import("@/bench/bench-series");
const { benchCollect } = await import("@/bench/bench-collect");
const { benchVsPrometheus } = await import("@/bench/bench-vs-prometheus");
const { benchChart, benchPageHttp } = await import("@/bench/bench-page-http");
const { benchFirstStart } = await import("@/bench/bench-first-start");
const { benchAudit } = await import("@/bench/bench-audit");
const { benchSoak } = await import("@/bench/bench-soak");

const needsWeb = wanted("ingest") || wanted("vs-prometheus") || wanted("page") || wanted("audit");
let web: HeadroomWeb | null = null;
let viaNext: HeadroomWeb | null = null;
try {
  // The first start builds the web app, so the benches after it use that build.
  if (wanted("build")) print(await benchFirstStart({ log }));
  else if (needsWeb && !(args.noBuild && existsSync(".next/BUILD_ID"))) {
    print({ bench: "build", what: "next build (production), wall time", next_build_s: await buildWeb() });
  }
  if (needsWeb) web = await startWeb({ databaseUrl: database.url });
  if (wanted("vs-prometheus")) {
    // Beside it, `next start` alone: the series read through Next's route, as before the direct path.
    viaNext = await startWeb({ databaseUrl: database.url, plainNext: true });
    for (const result of await benchVsPrometheus({ web: web!, viaNext, postmasterPid: database.postmasterPid, rounds: args.rounds, log })) print(result);
    await viaNext.close();
    viaNext = null;
  }
  if (wanted("ingest")) print(await benchIngest({ url: database.url, web: web! }));
  if (wanted("series") || wanted("page")) for (const result of await benchSeriesAndPage(database.url)) print(result);
  if (wanted("page")) {
    // bench-main: the target the series bench filled with 30 days at 15 s.
    print(await benchPageHttp({ web: web!, slug: "bench-main", postmasterPid: database.postmasterPid }));
    print(await benchChart({ web: web!, slug: "bench-main" }));
  }
  if (wanted("audit")) print(await benchAudit({ web: web!, url: database.url, rows: args.auditRows, log }));
  if (wanted("soak")) print(await benchSoak({ minutes: args.soakMinutes, warmupMinutes: args.warmupMinutes, log, print }));
  if (wanted("collect")) for (const result of await benchCollect({ targets: args.targets, workers: args.workers, databaseUrl: database.url, postmasterPid: database.postmasterPid, log })) print(result);
} finally {
  await web?.close();
  await viaNext?.close();
  await db.$disconnect();
  await database.close();
}
