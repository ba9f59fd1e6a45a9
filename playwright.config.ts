import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./e2e/demo-password";

// No browser download here: Playwright drives the system Chromium (Debian's `chromium`).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary. ` +
      "Headroom never downloads browsers (npx playwright install does not work here).",
  );
}

const port = Number(process.env.E2E_PORT ?? 3100);

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
    command: "rm -rf .data/e2e && node_modules/.bin/tsx scripts/start.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
    env: {
      HEADROOM_DATA_DIR: ".data/e2e",
      PORT: String(port),
      TARGET_PORT: String(Number(process.env.E2E_TARGET_PORT ?? 8100)),
      HEADROOM_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54349)),
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      NEXTAUTH_URL: `http://localhost:${port}`,
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "",
    },
  },
});
