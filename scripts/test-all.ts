// `npm test`: every suite, in the order that fails fastest. TypeScript and ESLint first (either
// failing stops the run), unit and integration (Vitest, real PostgreSQL), then a production build,
// the fault suite (the whole stack under kill -9)
// and Playwright against it in system Chromium.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
mkdirSync("test-results", { recursive: true });

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}: ${[path.basename(command), ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  console.log(`◀ ${label}: ${result.status === 0 ? "ok" : `failed (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function vitestCounts(file: string): Counts {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function playwrightCounts(file: string): Counts {
  try {
    const { stats } = JSON.parse(readFileSync(file, "utf8"));
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
};

for (const [label, script] of [["typecheck", "typecheck"], ["lint", "lint"]]) {
  if (!run(label, "npm", ["run", "--silent", script])) {
    console.log(`\n${label} failed: fix it before the test suites run (npm run ${script})`);
    process.exit(1);
  }
}

const onlyFast = process.argv.includes("--no-e2e");
const vitestJson = "test-results/vitest.json";
run("unit + integration", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
add(vitestCounts(vitestJson));

if (!onlyFast) {
  if (run("production build", bin("next"), ["build"])) {
    const faultsJson = "test-results/vitest-faults.json";
    run("faults", bin("vitest"), ["run", "--config", "vitest.faults.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${faultsJson}`]);
    add(vitestCounts(faultsJson));
    const pwJson = "test-results/playwright.json";
    env.PLAYWRIGHT_JSON_OUTPUT_NAME = pwJson;
    run("e2e", bin("playwright"), ["test", "--reporter=list,json"]);
    add(playwrightCounts(pwJson));
  } else {
    totals.failed += 1;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
