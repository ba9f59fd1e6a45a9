// `npm test`: every suite, in the order that fails fastest. TypeScript and ESLint first (either
// failing stops the run), unit and integration (Vitest, real PostgreSQL), then a production build,
// the fault suite (the whole stack under kill -9)
// and Playwright against it in system Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };
/** A failed test as the summary prints it: CI keeps only the tail of the log, so failures are repeated there. */
type Failure = { suite: string; test: string; message: string };
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

const failures: Failure[] = [];
const firstLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim() && !/node_modules|node:internal|<anonymous>/.test(l))
    .slice(0, 12)
    .join("\n");

function vitestCounts(file: string, suite: string): Counts {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    for (const result of report.testResults ?? []) {
      const failed = (result.assertionResults ?? []).filter((a: { status: string }) => a.status === "failed");
      for (const a of failed) failures.push({ suite, test: `${path.relative(".", result.name)} › ${a.fullName}`, message: firstLines((a.failureMessages ?? []).join("\n")) });
      // A file that failed outside any test (a hook, an import) has no failed assertion to name.
      if (result.status === "failed" && failed.length === 0) failures.push({ suite, test: path.relative(".", result.name), message: firstLines(result.message ?? "") });
    }
    return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

type PwSuite = { title: string; specs?: PwSpec[]; suites?: PwSuite[] };
type PwSpec = { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] };

function playwrightFailures(suite: PwSuite, trail: string[]) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests.filter((x) => x.status === "unexpected")) {
      const error = t.results.at(-1)?.error?.message ?? "";
      failures.push({ suite: "e2e", test: `${spec.file}:${spec.line} › ${[...trail, spec.title].join(" › ")}`, message: firstLines(error) });
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, [...trail, child.title]);
}

function playwrightCounts(file: string): Counts {
  try {
    const { stats, suites } = JSON.parse(readFileSync(file, "utf8"));
    for (const s of suites ?? []) playwrightFailures(s, []);
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
add(vitestCounts(vitestJson, "unit + integration"));

if (!onlyFast) {
  if (run("production build", bin("next"), ["build"])) {
    const faultsJson = "test-results/vitest-faults.json";
    run("faults", bin("vitest"), ["run", "--config", "vitest.faults.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${faultsJson}`]);
    const faults = vitestCounts(faultsJson, "faults");
    add(faults);
    // The suite's figures say which fault went wrong and by how much; repeated at the end for CI's tail.
    if (faults.failed > 0 && existsSync("test-results/faults.jsonl")) failures.push({ suite: "faults", test: "figures (test-results/faults.jsonl)", message: readFileSync("test-results/faults.jsonl", "utf8").trim() });
    const pwJson = "test-results/playwright.json";
    env.PLAYWRIGHT_JSON_OUTPUT_NAME = pwJson;
    run("e2e", bin("playwright"), ["test", "--reporter=list,json"]);
    add(playwrightCounts(pwJson));
  } else {
    totals.failed += 1;
  }
}

if (failures.length > 0) {
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures) console.log(`\n✗ [${f.suite}] ${f.test}\n${f.message.replace(/^/gm, "    ")}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
