import { E2E_DEMO_PASSWORD } from "@/e2e/demo-password";
import { expect, test, DEMO_ACCOUNTS, signIn, type DemoRole } from "@/e2e/fixtures";

for (const role of Object.keys(DEMO_ACCOUNTS) as DemoRole[]) {
  test(`${role} signs in and sees their role`, async ({ page }) => {
    await signIn(page, role);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Incidents");
  });
}

test("a wrong password is shown as an error and keeps the person on sign-in", async ({ page, allowConsoleError }) => {
  // The browser logs the credentials callback's 401 that this test provokes on purpose.
  allowConsoleError(/status of 401 .*\/api\/auth\/callback\/credentials/, "the wrong password is rejected with a 401");
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.lead);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText(/Wrong email or password/);
  await expect(page).toHaveURL(/\/signin/);
});

test("an unauthenticated visit is redirected to sign-in and returns afterwards", async ({ page }) => {
  await page.goto("/targets");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftargets/);
  await page.getByLabel("Email").fill(DEMO_ACCOUNTS.viewer);
  await page.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Targets" })).toBeVisible();
});

test("an API route without a session answers 401", async ({ request }) => {
  const response = await request.get("/api/v1/anything", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, "responder");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});
