import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./e2e/demo-password";
import { freePortRangeSync } from "./tests/support/free-port";

// No browser download here: Playwright drives the system Chromium (Debian's `chromium`).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary. ` +
      "Headroom never downloads browsers (npx playwright install does not work here).",
  );
}

// Free ports unless given, so two runs on one machine do not collide. Set in process.env so
// the test workers (child processes) see the same ones.
if (!process.env.E2E_PORT) {
  const base = freePortRangeSync(6);
  process.env.E2E_PORT = String(base);
  process.env.E2E_PG_PORT = String(base + 1);
  process.env.E2E_TARGET_PORT = String(base + 2);
}
const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // The real supervisor (npm start) on its own ports and a fresh data dir: embedded
  // PostgreSQL, migrations, demo seed, simulators, worker, and the production build.
  webServer: {
    command: "node_modules/.bin/tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
    env: {
      HEADROOM_DATA_DIR: `.data/e2e-${port}`,
      HEADROOM_EPHEMERAL_DATA: "1",
      PORT: String(port),
      TARGET_PORT: process.env.E2E_TARGET_PORT!,
      HEADROOM_PG_PORT: process.env.E2E_PG_PORT!,
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      NEXTAUTH_URL: `http://localhost:${port}`,
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "",
    },
  },
});
