import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "@/e2e/demo-password";
import { DEMO_ACCOUNTS, signIn } from "@/e2e/fixtures";

const PORT = Number(process.env.E2E_PORT);

/** Records every CSP violation and console error of the page from its first script on. */
async function watchForViolations(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`),
    );
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

test("the overview and a target page run under the CSP without a single violation", async ({ page }) => {
  const watch = await watchForViolations(page);
  await signIn(page, "viewer");
  const overview = await page.request.get("/");
  expect(overview.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'.*frame-ancestors 'none'/);
  expect(overview.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByTestId("target-percent-freeagentics-edge")).toHaveText(/%$/, { timeout: 30_000 });
  expect(await watch.violations()).toEqual([]);

  await page.goto("/targets/freeagentics-api");
  // The chart (recharts), the diagnosis and the live panels (React Query) have rendered.
  await expect(page.getByRole("img", { name: /Memory used over time/ })).toBeVisible();
  await expect(page.getByTestId("diagnosis-pattern")).toBeVisible();
  await expect(page.getByTestId("investigation-panels")).toBeVisible();
  await page.getByRole("button", { name: "24h" }).click();
  await expect(page).toHaveURL(/range=24h/);
  expect(await watch.violations()).toEqual([]);
  expect(watch.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
});

test("another site cannot frame a signed-in page", async ({ page }) => {
  await signIn(page, "viewer");
  // A page of another origin that frames the console (served by Playwright, never reaching a network).
  await page.route("http://frame-test.invalid/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe id="victim" src="http://localhost:${PORT}/"></iframe>` }),
  );
  await page.goto("http://frame-test.invalid/");
  const frame = await (await page.locator("#victim").elementHandle())!.contentFrame();
  await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
  expect(await frame!.locator("text=Overview").count()).toBe(0);
});

test("sign-in does not follow a callbackUrl to another site", async ({ page }) => {
  await page.goto("/signin?callbackUrl=/%5Cevil.example/x");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.viewer);
  await page.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(new URL(page.url())).toMatchObject({ host: `localhost:${PORT}`, pathname: "/" });
});

test("a cookie copied before sign-out no longer reads anything after it", async ({ page, browser }) => {
  await signIn(page, "responder");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const replay = await browser.newContext({ baseURL: `http://localhost:${PORT}` });
  try {
    await replay.addCookies(copied);
    const response = await replay.request.get("/api/console/overview");
    expect(response.status()).toBe(401);
  } finally {
    await replay.close();
  }
});

test("repeated failures lock the account, and the page says for how long", async ({ page }) => {
  await page.goto("/signin");
  const email = `locked-${Date.now()}@headroom.local`;
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const expected = attempt <= 5 ? /Wrong email or password/ : /this account is temporarily locked\. Try again in 30 seconds/;
    await expect(page.getByTestId("signin-error")).toHaveText(expected);
  }
});

test("a spoofed X-Forwarded-For is not what the audit records", async ({ browser, page }) => {
  const spoofer = await browser.newContext({ baseURL: `http://localhost:${PORT}`, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.250" } });
  const email = `spoofer-${Date.now()}@headroom.local`;
  try {
    const tab = await spoofer.newPage();
    await tab.goto("/signin");
    await tab.getByLabel("Email").fill(email);
    await tab.getByLabel("Password").fill("not-the-password");
    await tab.getByRole("button", { name: "Sign in" }).click();
    await expect(tab.getByTestId("signin-error")).toBeVisible();
  } finally {
    await spoofer.close();
  }
  await signIn(page, "lead");
  const exported = await page.request.get(`/api/audit/export?format=json&actor=${encodeURIComponent(email)}`);
  const { rows } = (await exported.json()) as { rows: { type: string; ip: string | null }[] };
  expect(rows.map((r) => r.type)).toEqual(["auth.sign_in_failed"]);
  expect(rows[0].ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});

test("the diagnostics database URL is shown masked, never with its password", async ({ page }) => {
  // In demo mode the leaking service's diagnostics database is the embedded PostgreSQL itself,
  // read as the monitor role (pg_monitor, no tables); neither its password nor the owner's shows.
  const passwords = ["pg-password", "pg-password-headroom_monitor"].map((file) => readFileSync(`.data/e2e-${PORT}/${file}`, "utf8").trim());
  await signIn(page, "admin");
  const response = await page.goto("/targets/freeagentics-api/settings");
  const html = await response!.text();
  for (const password of passwords) {
    expect(html).not.toContain(password);
    expect(html).not.toContain(encodeURIComponent(password));
  }
  await expect(page.getByText(/now postgresql:\/\/headroom_monitor:\*\*\*\*@127\.0\.0\.1:\d+\/\w+; leave empty to keep/)).toBeVisible();
  await expect(page.locator('input[name="diagnostics_database_url"]')).toHaveValue("");
});
