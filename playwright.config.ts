import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./e2e/demo-password";
import { OIDC_CLIENT } from "./e2e/oidc/accounts";
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
  const base = freePortRangeSync(7);
  process.env.E2E_PORT = String(base);
  process.env.E2E_PG_PORT = String(base + 1);
  process.env.E2E_TARGET_PORT = String(base + 2);
}
const port = Number(process.env.E2E_PORT);
// The test OpenID Connect provider takes the sixth port of the range.
process.env.E2E_OIDC_PORT ??= String(port + 5);
// The worker's own metrics (watched in demo mode as the headroom-worker target) take the seventh.
process.env.E2E_WORKER_METRICS_PORT ??= String(port + 6);
const oidcPort = Number(process.env.E2E_OIDC_PORT);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // The whole stack shares two cores with Chromium: a page that answers in 1 s idle can take
  // 5 s under a build beside it. Waiting longer for what a person would see proves the same.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // One demo stack serves every spec. The read-only checks run first: the acting specs move the
  // simulators (alerting fast-forwards the leak), which would change what the diagnosis sees.
  // The conclusions come next, on the leak as it grows by itself: after the fast-forward a
  // mitigation's drop is lost in the fast-forwarded hours' noise.
  projects: [
    { name: "observe", testMatch: /(auth|console|layout)\.spec\.ts$/ },
    { name: "conclude", testMatch: /conclusions\.spec\.ts$/, dependencies: ["observe"] },
    { name: "act", testMatch: /(alerting|bad-input|on-call|remediation|review|ingest-tokens|oidc|admin-users|security|targets)\.spec\.ts$/, dependencies: ["conclude"] },
  ],
  webServer: [
    // A real OpenID Connect provider on loopback (npm oidc-provider) for the OIDC sign-in test.
    {
      command: "node_modules/.bin/tsx e2e/oidc/start-oidc-provider.ts",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_OIDC_REDIRECT_URI: `http://localhost:${port}/api/auth/callback/oidc` },
    },
    // The real supervisor (npm start) on its own ports and a fresh data dir: embedded
    // PostgreSQL, migrations, demo seed, simulators, worker, and the production build.
    {
      command: "node_modules/.bin/tsx supervisor/start.ts",
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
        HEADROOM_WORKER_METRICS_PORT: process.env.E2E_WORKER_METRICS_PORT!,
        DEMO_PASSWORD: E2E_DEMO_PASSWORD,
        // Busiest simulated traffic now, whatever the hour: at night the demo leak slows to
        // where three hours of it can read as flat (docs/decisions/0003-diagnosis-thresholds.md).
        DEMO_PEAK_HOUR_UTC: String(new Date().getUTCHours()),
        NEXTAUTH_URL: `http://localhost:${port}`,
        DATABASE_URL: "",
        NEXTAUTH_SECRET: "",
        HEADROOM_AUDIT_KEY: "",
        HEADROOM_AUDIT_ANCHOR_FILE: "",
        // Alerting on a test clock: "for 5 minutes" becomes 20 s, evaluated every 2 s.
        ALERT_FOR_SECONDS: "20",
        ALERT_EVALUATION_INTERVAL_SECONDS: "2",
        // And the incident's 5-minute resolve grace 10 s, so that the review spec sees one resolve.
        INCIDENT_RESOLVE_GRACE_SECONDS: "10",
        WORKER_TICK_MS: "500",
        OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_NAME: "Test IdP",
      },
    },
  ],
});
