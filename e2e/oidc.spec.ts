import { type Page } from "@playwright/test";
import { expect, test } from "@/e2e/fixtures";
import { OIDC_EMAIL_DOMAIN } from "@/e2e/oidc/accounts";

// playwright.config.ts starts a real OpenID Connect provider (npm oidc-provider) on loopback and
// points the console at it; its development login form takes any password.
async function signInWithIdp(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

// The test IdP's own login pages (oidc-provider's development interactions, not Headroom) ask
// for a Google font this machine cannot reach and for a favicon the IdP does not have.
const IDP_RESOURCES = new RegExp(`Failed to load resource: .*\\((https://fonts\\.googleapis\\.com/|http://127\\.0\\.0\\.1:${process.env.E2E_OIDC_PORT}/favicon\\.ico\\))`);

test.describe("sign-in through OpenID Connect", () => {
  test.beforeEach(({ allowConsoleError }) => allowConsoleError(IDP_RESOURCES, "the test IdP's pages load resources Headroom does not serve"));

  test("the IdP's role claim decides the role, and the sign-in is audited", async ({ page }) => {
    await signInWithIdp(page, "oidc-lead");
    await expect(page.getByTestId("current-role")).toHaveText("lead");
    await expect(page.getByTestId("current-user")).toContainText("Olivia OIDC Lead");
    await page.goto("/audit?actor=oidc-lead");
    const rows = page.getByTestId("audit-row");
    await expect(rows.and(page.locator('[data-type="auth.sign_in"]')).first()).toContainText(`oidc-lead@${OIDC_EMAIL_DOMAIN}`);
    await page.goto("/audit?type=user.created");
    await expect(page.getByTestId("audit-row").filter({ hasText: `oidc-lead@${OIDC_EMAIL_DOMAIN}` }).first()).toContainText("OIDC claim headroom_role");
  });

  test("without a role claim a person is a viewer", async ({ page }) => {
    await signInWithIdp(page, "oidc-nobody");
    await expect(page.getByTestId("current-role")).toHaveText("viewer");
    await page.goto("/audit");
    await expect(page.getByText("Leads only")).toBeVisible();
  });

  test("email and password sign-in still works beside it", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("button", { name: "Continue with Test IdP" })).toBeVisible();
    await expect(page.getByLabel("Email")).toBeVisible();
  });
});
